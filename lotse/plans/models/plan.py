from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.core.categories import DataCategory
from lotse.plans.choices import AgreementForm


class IntegrationPlanQuerySet(VisibleQuerySet["IntegrationPlan"]):
    person_path = "case__person_id"
    case_path = "case_id"


class IntegrationPlan(models.Model):
    """The integration plan / goal agreement of one case.

    The plan is the unit of optimistic locking: every change to it, its goals
    or its steps raises `version`, so two people editing the same plan cannot
    silently overwrite each other.
    """

    # The frame (that a plan exists, when it was agreed) is case content that
    # any participant of the case may see; goals and steps carry their own category.
    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="plan"
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreement_form = models.CharField(
        _("form of agreement"), max_length=10, choices=AgreementForm.choices, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IntegrationPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("integration plan")
        verbose_name_plural = _("integration plans")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(agreed_on__isnull=True) & models.Q(agreement_form=""))
                | (models.Q(agreed_on__isnull=False) & ~models.Q(agreement_form="")),
                name="plan_agreement_date_iff_form",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Integration plan %(reference)s") % {"reference": self.case.reference})


class PlanRevisionQuerySet(VisibleQuerySet["PlanRevision"]):
    person_path = "plan__case__person_id"
    case_path = "plan__case_id"
    owner_only = True


class PlanRevision(models.Model):
    """What one save changed in a plan: shown when a later save based on an older version is refused."""

    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    plan = models.ForeignKey(
        IntegrationPlan,
        verbose_name=_("integration plan"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    version = models.PositiveIntegerField(_("version"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # [{"what": "...", "fields": {"label": [before, after]}}], already labelled for display.
    changes = models.JSONField(_("changes"), default=list, blank=True)

    objects = PlanRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan", "version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="plan_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version}"
