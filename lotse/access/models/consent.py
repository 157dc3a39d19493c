from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.choices import ConsentForm
from lotse.access.visibility import VisibleQuerySet
from lotse.core.categories import CategoriesField, DataCategory


class ConsentText(models.Model):
    """The wording a person agreed to. Immutable: a change is a new version."""

    version = models.CharField(_("version"), max_length=20)
    language = models.CharField(_("language"), max_length=3)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["-version", "language"]
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="consent_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version}, {self.language})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("Consent texts cannot be changed; create a new version."))
        super().save(*args, **kwargs)


class ConsentQuerySet(VisibleQuerySet["Consent"]):
    person_path = "person_id"
    owner_only = True

    def in_force(self, on: Any = None) -> "ConsentQuerySet":
        day = on or timezone.localdate()
        return self.filter(withdrawn_on__isnull=True, given_on__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )


def consent_upload_path(instance: "Consent", filename: str) -> str:
    return f"consents/{instance.person_id}/{filename}"


class Consent(models.Model):
    """A release from confidentiality (Schweigepflichtentbindung)."""

    category: ClassVar[str] = DataCategory.IDENTITY

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="consents"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
        help_text=_("Leave empty to cover every case of the person."),
    )
    text = models.ForeignKey(
        ConsentText, verbose_name=_("consent text"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    recipients = models.ManyToManyField(
        "network.Organisation", verbose_name=_("recipients"), related_name="received_consents"
    )
    categories = CategoriesField(_("data categories"))
    special_categories_named = models.BooleanField(
        _("special categories (health) were named explicitly"), default=False
    )
    consequences_explained = models.BooleanField(
        _("consequences of refusal were explained"), default=False
    )
    form = models.CharField(_("form"), max_length=20, choices=ConsentForm.choices)
    witness = models.CharField(_("witness"), max_length=200, blank=True)
    language = models.CharField(_("language of explanation"), max_length=3)
    interpreter = models.CharField(_("interpreter"), max_length=200, blank=True)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.CharField(_("note on withdrawal"), max_length=300, blank=True)
    document = models.FileField(
        _("scanned signed form"),
        upload_to=consent_upload_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg"])],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["person", "withdrawn_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("given_on")),
                name="consent_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(form="oral_witnessed") | ~models.Q(witness=""),
                name="consent_oral_needs_witness",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.given_on:%d.%m.%Y})"

    def status(self, on: Any = None) -> str:
        day = on or timezone.localdate()
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return "withdrawn"
        if self.valid_until is not None and self.valid_until < day:
            return "expired"
        if self.given_on > day:
            return "pending"
        return "in_force"

    def get_status_display(self) -> str:
        return str(
            {
                "withdrawn": _("withdrawn"),
                "expired": _("expired"),
                "pending": _("not yet in force"),
                "in_force": _("in force"),
            }[self.status()]
        )
