from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.core.categories import DataCategory
from lotse.people.choices import DatePrecision, Sex, SpellingKind


class PersonQuerySet(VisibleQuerySet["Person"]):
    person_path = "id"


class PersonDataQuerySet(VisibleQuerySet[models.Model]):
    """Rows that belong to one person, visible by the model's data category."""

    person_path = "person_id"


class Person(models.Model):
    category: ClassVar[str] = DataCategory.IDENTITY
    row_category: ClassVar[str | None] = None

    given_names = models.CharField(_("given names"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("precision of the date of birth"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # German immigration records put 1 January when only the year is known;
    # such a date must not count as evidence in matching.
    birth_date_placeholder = models.BooleanField(
        _("placeholder date of birth (1 January)"), default=False
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_persons",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Set when this record was merged into another (lotse.dedupe): the record
    # stays as a tombstone so that old links lead to the survivor and the
    # merge can be undone; it holds no grants and no search keys meanwhile.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_persons",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name", "given_names", "id"]
        indexes = [
            models.Index(fields=["family_name", "given_names"]),
            models.Index(fields=["birth_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(birth_date_placeholder=True)
                | models.Q(birth_date__isnull=False),
                name="person_placeholder_needs_date",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_names}".strip(", ")

    def birth_date_display(self) -> str:
        if self.birth_date is None or self.birth_date_precision == DatePrecision.UNKNOWN:
            return str(_("unknown"))
        if self.birth_date_precision == DatePrecision.YEAR:
            return f"{self.birth_date.year}"
        if self.birth_date_precision == DatePrecision.MONTH:
            return self.birth_date.strftime("%m/%Y")
        return self.birth_date.strftime("%d.%m.%Y")


class NameSpelling(models.Model):
    category: ClassVar[str] = DataCategory.IDENTITY

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="spellings"
    )
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SpellingKind.choices)
    script = models.CharField(
        _("script"), max_length=4, blank=True, help_text=_("ISO 15924 code, e.g. Arab, Cyrl.")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = PersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("name spelling")
        verbose_name_plural = _("name spellings")
        ordering = ["person", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(given_names="", family_name=""),
                name="spelling_not_empty",
            )
        ]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_names}".strip(", ")
