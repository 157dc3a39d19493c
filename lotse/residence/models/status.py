from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.residence.choices import KINDS_WITH_PARAGRAPH, StatusKind, WorkPermission
from lotse.residence.models.base import (
    ResidenceQuerySet,
    ResidenceRow,
    check_period,
    ordered_period,
    person_field,
)


class StatusPeriod(ResidenceRow):
    """One period of the person's residence status, as written in the document.

    Periods of one person never overlap: the action refuses it under a lock of
    the person, and on PostgreSQL an exclusion constraint (migration 0002) holds
    it in the database as well.
    """

    person = person_field("status_periods")
    kind = models.CharField(_("status"), max_length=24, choices=StatusKind.choices)
    paragraph = models.CharField(
        _("legal basis"),
        max_length=60,
        blank=True,
        help_text=_("As written in the document, e.g. 25 Abs. 5 AufenthG or 104c AufenthG."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty while it runs on.")
    )
    issuing_office = models.CharField(_("issuing office"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    residence_obligation = models.BooleanField(
        _("obliged to live at a place (Wohnsitzauflage)"), default=False
    )
    work_permission = models.CharField(
        _("work permission"),
        max_length=16,
        choices=WorkPermission.choices,
        default=WorkPermission.UNKNOWN,
    )
    # Optimistic locking: a change based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResidenceQuerySet["StatusPeriod"].as_manager()

    class Meta:
        verbose_name = _("status period")
        verbose_name_plural = _("status periods")
        ordering = ["person", "valid_from", "id"]
        constraints = [
            ordered_period("valid_from", "valid_until", "status_period_ordered"),
            models.CheckConstraint(
                condition=~models.Q(kind__in=KINDS_WITH_PARAGRAPH) | ~models.Q(paragraph=""),
                name="status_period_permit_names_paragraph",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "valid_from"]),
            # The deadline lists look for periods ending soon.
            models.Index(fields=["valid_until", "kind"]),
        ]

    def __str__(self) -> str:
        label = str(self.get_kind_display())
        return f"{label} {self.paragraph}".strip() + f" ({self.valid_from:%d.%m.%Y})"

    def clean(self) -> None:
        check_period(self.valid_from, self.valid_until, "valid_until")
        if self.kind in KINDS_WITH_PARAGRAPH and not self.paragraph.strip():
            raise ValidationError({"paragraph": [_("Name the legal basis of this permit.")]})
