from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.categories import DataCategory
from lotse.plans.choices import (
    PENDING_STEP_STATUSES,
    Attainment,
    ResponsibleKind,
    ReviewOccasion,
    StepStatus,
)
from lotse.plans.models.plan import IntegrationPlan
from lotse.plans.models.visibility import LifeAreaRowQuerySet


class GoalQuerySet(LifeAreaRowQuerySet["Goal"]):
    person_path = "case__person_id"
    case_path = "case_id"
    category_path = "life_area__category"

    def open(self) -> GoalQuerySet:
        return self.filter(settled_on__isnull=True)


class Goal(models.Model):
    """A SMART goal of the plan: what, how success is measured, by when.

    Data of its life area's category (see LifeAreaRowQuerySet). `case` repeats
    `plan.case` so that visibility and the audit trail need no extra join.
    """

    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    plan = models.ForeignKey(
        IntegrationPlan,
        verbose_name=_("integration plan"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="goals"
    )
    life_area = models.ForeignKey(
        "cases.LifeArea", verbose_name=_("life area"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("goal"), max_length=300)
    success_measure = models.CharField(_("measure of success"), max_length=500)
    target_date = models.DateField(_("target date"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Blank while the goal is open; set at a review or at closure.
    attainment = models.CharField(
        _("attainment"), max_length=14, choices=Attainment.choices, blank=True
    )
    attainment_reason = models.TextField(_("reason for the attainment"), blank=True)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "position", "id"]
        indexes = [models.Index(fields=["case", "settled_on"], name="goal_case_open")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(settled_on__isnull=True) | ~models.Q(attainment=""),
                name="goal_settled_has_attainment",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.settled_on is None


class GoalReviewQuerySet(LifeAreaRowQuerySet["GoalReview"]):
    person_path = "case__person_id"
    case_path = "case_id"
    category_path = "goal__life_area__category"


class GoalReview(models.Model):
    """One assessment of a goal's attainment, at a review or at closure; the history stays."""

    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="reviews"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    occasion = models.CharField(_("occasion"), max_length=10, choices=ReviewOccasion.choices)
    reviewed_on = models.DateField(_("reviewed on"))
    attainment = models.CharField(_("attainment"), max_length=14, choices=Attainment.choices)
    reason = models.TextField(_("reason"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = GoalReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal review")
        verbose_name_plural = _("goal reviews")
        ordering = ["goal", "reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.attainment}"


class StepQuerySet(LifeAreaRowQuerySet["Step"]):
    person_path = "case__person_id"
    case_path = "case_id"
    category_path = "goal__life_area__category"

    def pending(self) -> StepQuerySet:
        return self.filter(status__in=PENDING_STEP_STATUSES)


class Step(models.Model):
    """An agreed step towards a goal: who does it, by when, and how far it is."""

    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="steps"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="plan_steps"
    )
    description = models.CharField(_("step"), max_length=500)
    responsible_kind = models.CharField(
        _("responsible"), max_length=14, choices=ResponsibleKind.choices
    )
    responsible_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The named service (free text until the service directory exists), or a
    # contact person at the organisation.
    responsible_name = models.CharField(
        _("responsible service or contact"), max_length=200, blank=True
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StepQuerySet.as_manager()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["goal", "position", "due_date", "id"]
        indexes = [
            # Overdue steps of a manager's cases: pending rows by due date only.
            models.Index(
                fields=["case", "due_date"],
                condition=models.Q(status__in=["open", "in_progress"]),
                name="step_pending_due",
            ),
        ]
        constraints = [
            # A step without a responsible party is not an agreed step.
            models.CheckConstraint(
                condition=~models.Q(responsible_kind=""), name="step_has_responsible"
            ),
            models.CheckConstraint(
                condition=~models.Q(responsible_kind="organisation")
                | models.Q(responsible_organisation__isnull=False),
                name="step_organisation_named",
            ),
            models.CheckConstraint(
                condition=~models.Q(responsible_kind="service") | ~models.Q(responsible_name=""),
                name="step_service_named",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STEP_STATUSES
