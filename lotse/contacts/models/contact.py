from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.contacts.choices import Channel
from lotse.core.categories import DataCategory

language_code = RegexValidator(r"^[a-z]{2,3}$", _("Use an ISO 639 code such as ar or prs."))
MAX_MINUTES = 600


class ContactQuerySet(VisibleQuerySet["Contact"]):
    person_path = "case__person_id"
    # A participant sees contacts only of the cases it takes part in.
    case_path = "case_id"


class Contact(models.Model):
    """One contact with the person in the monitoring log: when, how, how long, with whom."""

    # Who met the person when and what was said is case work: case notes.
    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = DataCategory.CASE_NOTES

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="contacts"
    )
    occurred_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)],
    )
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=3, blank=True, validators=[language_code]
    )
    interpreter = models.CharField(_("interpreter"), max_length=120, blank=True)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    note = models.TextField(_("short note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            # The case's log, newest first; and "last contact per case" for dormant cases.
            models.Index(fields=["case", "-occurred_on", "-id"], name="contact_case_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1)
                & models.Q(duration_minutes__lte=MAX_MINUTES),
                name="contact_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_channel_display()}"
