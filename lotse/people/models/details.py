from typing import ClassVar

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.categories import DataCategory
from lotse.people.choices import ContactKind, IdentifierKind, LanguageLevel
from lotse.people.models.person import PersonDataQuerySet

alpha3 = RegexValidator(r"^[A-Z]{3}$", _("Use an ISO 3166-1 alpha-3 code such as SYR."))
language_code = RegexValidator(r"^[a-z]{2,3}$", _("Use an ISO 639 code such as ar or prs."))


class Nationality(models.Model):
    category: ClassVar[str] = DataCategory.IDENTITY

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="nationalities",
    )
    country = models.CharField(_("country"), max_length=3, validators=[alpha3])

    objects = PersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("nationality")
        verbose_name_plural = _("nationalities")
        constraints = [
            models.UniqueConstraint(fields=["person", "country"], name="nationality_unique")
        ]

    def __str__(self) -> str:
        return self.country


class LanguageSkill(models.Model):
    category: ClassVar[str] = DataCategory.IDENTITY

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="languages",
    )
    language = models.CharField(_("language"), max_length=3, validators=[language_code])
    level = models.CharField(_("level"), max_length=6, choices=LanguageLevel.choices)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)

    objects = PersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="language_unique")
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.level})"


class ContactDetail(models.Model):
    category: ClassVar[str] = DataCategory.CONTACT

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="contact_details",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices)
    value = models.CharField(_("value"), max_length=200)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = PersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact detail")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Address(models.Model):
    category: ClassVar[str] = DataCategory.CONTACT

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="addresses",
    )
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("place"), max_length=100)
    care_of = models.CharField(_("care of / accommodation"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = PersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="address_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.street}, {self.postcode} {self.place}".strip()


class OfficeIdentifier(models.Model):
    category: ClassVar[str] = DataCategory.IDENTITY

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="identifiers",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IdentifierKind.choices)
    value = models.CharField(_("value"), max_length=100)
    issued_by = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="issued_identifiers",
    )

    objects = PersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("identifier held by an office")
        verbose_name_plural = _("identifiers held by offices")
        constraints = [
            models.UniqueConstraint(
                fields=["issued_by", "kind", "value"], name="identifier_unique_per_office"
            )
        ]
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
