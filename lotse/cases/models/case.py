from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.cases.choices import ClosingReason, Phase, Programme
from lotse.core.categories import DataCategory


class CaseQuerySet(VisibleQuerySet["Case"]):
    person_path = "person_id"
    case_path = "id"

    def open(self) -> "CaseQuerySet":
        return self.exclude(phase=Phase.CLOSED)


class Case(models.Model):
    # A case's existence and frame are case content; its free text is case notes.
    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="owned_cases",
    )
    programme = models.CharField(_("programme"), max_length=10, choices=Programme.choices)
    phase = models.CharField(
        _("phase"), max_length=12, choices=Phase.choices, default=Phase.CLEARING
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    managers: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case managers"),
        through="CaseManagerAssignment",
        related_name="managed_cases",
    )
    # Optimistic locking: every change increments it; a stale form is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "phase", "-opened_on"]),
            models.Index(fields=["person", "phase"]),
            # Keyset paging of an organisation's list, and of "all cases I may see".
            models.Index(fields=["organisation", "-opened_on", "-id"], name="case_org_recent"),
            models.Index(fields=["-opened_on", "-id"], name="case_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"],
                condition=~models.Q(phase="closed"),
                name="case_one_open_per_person_programme",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=(models.Q(phase="closed") & models.Q(closed_on__isnull=False))
                | (~models.Q(phase="closed") & models.Q(closed_on__isnull=True)),
                name="case_closed_iff_closed_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.get_programme_display()}"

    @property
    def reference(self) -> str:
        return f"F-{self.pk:07d}" if self.pk else "F-neu"

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.CLOSED


class CaseManagerAssignment(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("case manager"), on_delete=models.PROTECT
    )
    is_lead = models.BooleanField(_("lead case manager"), default=True)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("case manager assignment")
        verbose_name_plural = _("case manager assignments")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_manager_unique")]
        indexes = [models.Index(fields=["user", "case"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.case}"


class CaseParticipant(models.Model):
    """Another organisation taking part in a case; what it sees is limited by consent."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="case_participations",
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    added_on = models.DateField(_("added on"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="case_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.case}"
