"""Changing integration plans: agreement, goals, steps, reviews, closing a case with goals.

Every change locks the plan (optimistic: the caller passes the version it
saw), validates, writes, raises the version with a PlanRevision, and audits in
the same transaction. What is written about a goal is data of its life area's
category, and the audit names that category.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.log import diff, record, snapshot
from lotse.audit.models import AuditAction
from lotse.cases.actions import do_close_case
from lotse.cases.models import Case, LifeArea
from lotse.core.categories import DataCategory
from lotse.plans.choices import (
    SETTLING_AT_REVIEW,
    Attainment,
    ResponsibleKind,
    ReviewOccasion,
    StepStatus,
)
from lotse.plans.locking import bump, lock_plan
from lotse.plans.models import Goal, GoalReview, IntegrationPlan, Step

GOAL_FIELDS = ("life_area", "title", "success_measure", "target_date")
STEP_FIELDS = (
    "description",
    "responsible_kind",
    "responsible_organisation",
    "responsible_name",
    "due_date",
    "status",
)


def plan_for(case: Case) -> IntegrationPlan:
    """The case's plan, created empty on first use (not a change worth a version)."""
    plan, _created = IntegrationPlan.objects.get_or_create(case=case)
    return plan


def existing_plan(case: Case) -> IntegrationPlan:
    """The case's plan as stored, or the empty one a first change will create (not saved)."""
    return IntegrationPlan.objects.filter(case=case).first() or IntegrationPlan(case=case)


def _audit(
    actor: Any,
    instance: Goal | Step | GoalReview | IntegrationPlan,
    before: dict[str, Any] | None,
    category: str,
    person_id: int,
) -> dict[str, list[Any]]:
    changes = diff(before, snapshot(instance))
    if changes:
        record(
            actor,
            AuditAction.CREATE if before is None else AuditAction.UPDATE,
            object_type=instance._meta.label_lower,
            object_id=instance.pk,
            person_id=person_id,
            case_id=getattr(instance, "case_id", None),
            categories=[category],
            changes=changes,
        )
    return changes


def _revision_entry(instance: Any, changes: dict[str, list[Any]]) -> dict[str, Any]:
    shown = {
        name.removesuffix("_id"): values
        for name, values in changes.items()
        if name not in {"id", "plan_id", "case_id", "goal_id", "version", "position"}
    }
    return {
        "model": instance._meta.model_name,
        "id": instance.pk,
        "label": str(instance)[:80],
        "fields": shown,
    }


def _open_case_plan(case: Case, expected_version: int | None) -> IntegrationPlan:
    if not case.is_open:
        raise ValidationError(_("This case is closed; its plan can no longer be changed."))
    return lock_plan(plan_for(case), expected_version)


def _set_fields(row: Goal | Step, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)


def _write(
    actor: Any,
    plan: IntegrationPlan,
    row: Goal | Step,
    before: dict[str, Any] | None,
    category: str,
    person_id: int,
) -> None:
    """Save a new or changed goal or step, audit it, and raise the plan's version.

    A save that changed nothing raises no version; a new row always differs
    from nothing.
    """
    row.full_clean(validate_constraints=False)
    row.save()
    changes = _audit(actor, row, before, category, person_id)
    if changes:
        bump(actor, plan, [_revision_entry(row, changes)])


def _not_before_opening(case: Case, name: str, value: datetime.date | None, message: str) -> None:
    if value is not None and value < case.opened_on:
        raise ValidationError({name: [message]})


@transaction.atomic
def do_record_agreement(
    actor: Any,
    case: Case,
    *,
    agreed_on: datetime.date | None,
    agreement_form: str,
    expected_version: int | None = None,
) -> IntegrationPlan:
    plan = _open_case_plan(case, expected_version)
    if (agreed_on is None) != (not agreement_form):
        raise ValidationError(
            {"agreed_on": [_("Give both the date the person agreed and how they agreed.")]}
        )
    if agreed_on is not None and agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": [_("The agreement cannot lie in the future.")]})
    _not_before_opening(
        case, "agreed_on", agreed_on, _("The agreement cannot lie before the case was opened.")
    )
    if agreed_on is not None and not plan.goals.exists():
        raise ValidationError(
            {"agreed_on": [_("Write at least one goal before recording the agreement.")]}
        )
    before = snapshot(plan)
    plan.agreed_on = agreed_on
    plan.agreement_form = agreement_form
    plan.full_clean(validate_constraints=False)
    plan.save(update_fields=["agreed_on", "agreement_form", "updated_at"])
    changes = _audit(actor, plan, before, DataCategory.CASE_NOTES, case.person_id)
    return bump(actor, plan, [_revision_entry(plan, changes)] if changes else [])


def _check_goal(case: Case, life_area: LifeArea, target_date: datetime.date) -> None:
    if not life_area.active:
        raise ValidationError({"life_area": [_("This life area is no longer in use.")]})
    _not_before_opening(
        case,
        "target_date",
        target_date,
        _("The target date cannot lie before the case was opened."),
    )


@transaction.atomic
def do_add_goal(
    actor: Any,
    case: Case,
    *,
    life_area: LifeArea,
    title: str,
    success_measure: str,
    target_date: datetime.date,
    expected_version: int | None = None,
) -> Goal:
    plan = _open_case_plan(case, expected_version)
    _check_goal(case, life_area, target_date)
    position = plan.goals.count()
    goal = Goal(
        plan=plan,
        case=case,
        life_area=life_area,
        title=title.strip(),
        success_measure=success_measure.strip(),
        target_date=target_date,
        position=position,
    )
    _write(actor, plan, goal, None, life_area.category, case.person_id)
    return goal


@transaction.atomic
def do_update_goal(
    actor: Any, goal: Goal, *, expected_version: int | None = None, **fields: Any
) -> Goal:
    if set(fields) - set(GOAL_FIELDS):
        raise ValidationError(_("These fields cannot be changed here."))
    case = goal.case
    plan = _open_case_plan(case, expected_version)
    goal = Goal.objects.select_related("life_area").get(pk=goal.pk)
    if not goal.is_open:
        raise ValidationError(_("This goal is settled; it can no longer be changed."))
    before = snapshot(goal)
    _set_fields(goal, fields)
    _check_goal(case, goal.life_area, goal.target_date)
    _write(actor, plan, goal, before, goal.life_area.category, case.person_id)
    return goal


def _check_step(case: Case, step: Step) -> None:
    if not step.responsible_kind:
        raise ValidationError({"responsible_kind": [_("Name who is responsible for this step.")]})
    if step.responsible_kind == ResponsibleKind.ORGANISATION:
        if step.responsible_organisation_id is None:
            raise ValidationError(
                {"responsible_organisation": [_("Choose the responsible organisation.")]}
            )
    else:
        step.responsible_organisation = None
    if step.responsible_kind == ResponsibleKind.SERVICE and not step.responsible_name.strip():
        raise ValidationError({"responsible_name": [_("Name the responsible service.")]})
    _not_before_opening(
        case, "due_date", step.due_date, _("The due date cannot lie before the case was opened.")
    )
    if step.status == StepStatus.DONE:
        step.done_on = step.done_on or timezone.localdate()
    else:
        step.done_on = None


@transaction.atomic
def do_add_step(
    actor: Any,
    goal: Goal,
    *,
    description: str,
    responsible_kind: str,
    due_date: datetime.date,
    responsible_organisation: Any = None,
    responsible_name: str = "",
    status: str = StepStatus.OPEN,
    expected_version: int | None = None,
) -> Step:
    case = goal.case
    plan = _open_case_plan(case, expected_version)
    goal = Goal.objects.select_related("life_area").get(pk=goal.pk)
    if not goal.is_open:
        raise ValidationError(_("This goal is settled; add no further steps to it."))
    step = Step(
        goal=goal,
        case=case,
        description=description.strip(),
        responsible_kind=responsible_kind,
        responsible_organisation=responsible_organisation,
        responsible_name=responsible_name.strip(),
        due_date=due_date,
        status=status,
        position=goal.steps.count(),
    )
    _check_step(case, step)
    _write(actor, plan, step, None, goal.life_area.category, case.person_id)
    return step


@transaction.atomic
def do_update_step(
    actor: Any, step: Step, *, expected_version: int | None = None, **fields: Any
) -> Step:
    if set(fields) - set(STEP_FIELDS):
        raise ValidationError(_("These fields cannot be changed here."))
    case = step.case
    plan = _open_case_plan(case, expected_version)
    step = Step.objects.select_related("goal__life_area").get(pk=step.pk)
    before = snapshot(step)
    _set_fields(step, fields)
    _check_step(case, step)
    _write(actor, plan, step, before, step.goal.life_area.category, case.person_id)
    return step


def _settle(
    actor: Any,
    goal: Goal,
    *,
    attainment: str,
    reason: str,
    reviewed_on: datetime.date,
    occasion: str,
) -> tuple[GoalReview, dict[str, Any]]:
    if attainment not in Attainment.values:
        raise ValidationError({"attainment": [_("Choose how far the goal was attained.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Give a reason for the attainment.")]})
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": [_("A review cannot lie in the future.")]})
    _not_before_opening(
        goal.case,
        "reviewed_on",
        reviewed_on,
        _("A review cannot lie before the case was opened."),
    )
    if not goal.is_open:
        raise ValidationError(_("This goal is already settled."))
    review = GoalReview.objects.create(
        goal=goal,
        case_id=goal.case_id,
        occasion=occasion,
        reviewed_on=reviewed_on,
        attainment=attainment,
        reason=reason.strip(),
        reviewed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    category = goal.life_area.category
    person_id = goal.case.person_id
    _audit(actor, review, None, category, person_id)
    before = snapshot(goal)
    goal.attainment = attainment
    goal.attainment_reason = reason.strip()
    if occasion == ReviewOccasion.CLOSURE or attainment in SETTLING_AT_REVIEW:
        goal.settled_on = reviewed_on
    goal.save(update_fields=["attainment", "attainment_reason", "settled_on", "updated_at"])
    changes = _audit(actor, goal, before, category, person_id)
    return review, _revision_entry(goal, changes)


@transaction.atomic
def do_review_goal(
    actor: Any,
    goal: Goal,
    *,
    attainment: str,
    reason: str,
    reviewed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> GoalReview:
    plan = _open_case_plan(goal.case, expected_version)
    goal = Goal.objects.select_related("life_area", "case").get(pk=goal.pk)
    review, entry = _settle(
        actor,
        goal,
        attainment=attainment,
        reason=reason,
        reviewed_on=reviewed_on or timezone.localdate(),
        occasion=ReviewOccasion.REVIEW,
    )
    bump(actor, plan, [entry])
    return review


@transaction.atomic
def do_close_case_with_goals(
    actor: Any,
    case: Case,
    *,
    reason: str,
    attainments: Mapping[int, tuple[str, str]],
    closed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Case:
    """Close a case, settling each open goal with its attainment and a reason.

    `attainments` maps goal id → (attainment, reason); every open goal must be
    in it. `expected_version` is the case's version (the close form is about the case).
    """
    closed_on = closed_on or timezone.localdate()
    open_goals = list(
        Goal.objects.filter(case=case, settled_on__isnull=True)
        .select_related("life_area", "case")
        .order_by("position", "id")
    )
    missing = [goal for goal in open_goals if goal.pk not in attainments]
    if missing:
        raise ValidationError(
            {
                "attainments": [
                    _("Say how far the goal „%(goal)s“ was attained, and why.")
                    % {"goal": goal.title}
                    for goal in missing
                ]
            }
        )
    case = do_close_case(
        actor, case, reason=reason, closed_on=closed_on, expected_version=expected_version
    )
    if open_goals:
        plan = lock_plan(plan_for(case), None)
        entries = []
        for goal in open_goals:
            attainment, why = attainments[goal.pk]
            try:
                _review, entry = _settle(
                    actor,
                    goal,
                    attainment=attainment,
                    reason=why,
                    reviewed_on=closed_on,
                    occasion=ReviewOccasion.CLOSURE,
                )
            except ValidationError as error:
                raise ValidationError({f"goal_{goal.pk}": error.messages}) from None
            entries.append(entry)
        bump(actor, plan, entries)
    return case
