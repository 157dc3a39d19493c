"""Writing the plan: goals, steps, reviews, the agreement. Only for the owner's case staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lotse.cases.views.common import case_for_change
from lotse.core.categories import DataCategory
from lotse.plans.actions import (
    do_add_goal,
    do_add_step,
    do_record_agreement,
    do_review_goal,
    do_update_goal,
    do_update_step,
    existing_plan,
    plan_for,
)
from lotse.plans.forms import AgreementRecordForm, GoalForm, ReviewForm, StepForm
from lotse.plans.views.common import goal_for_change, step_for_change, versioned_form_view


@login_required
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    plan = existing_plan(case)
    form = GoalForm(request.POST or None, initial={"version": plan.version})
    return versioned_form_view(
        request,
        case,
        form,
        change=do_add_goal,
        target=case,
        saved=_("The goal was added."),
        title=_("New goal for case %(reference)s") % {"reference": case.reference},
        submit=_("Add goal"),
    )


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = goal_for_change(request, pk)
    initial = {
        "version": goal.plan.version,
        "life_area": goal.life_area_id,
        "title": goal.title,
        "success_measure": goal.success_measure,
        "target_date": goal.target_date,
    }
    form = GoalForm(request.POST or None, initial=initial)
    return versioned_form_view(
        request,
        goal.case,
        form,
        change=do_update_goal,
        target=goal,
        saved=_("The goal was saved."),
        title=_("Edit goal „%(goal)s“") % {"goal": goal.title},
        submit=_("Save goal"),
        shown=(goal.life_area.category, goal),
    )


@login_required
def goal_review(request: HttpRequest, pk: int) -> HttpResponse:
    goal = goal_for_change(request, pk)
    form = ReviewForm(request.POST or None, initial={"version": goal.plan.version})
    return versioned_form_view(
        request,
        goal.case,
        form,
        change=do_review_goal,
        target=goal,
        saved=_("The review was recorded."),
        title=_("Review goal „%(goal)s“") % {"goal": goal.title},
        intro=_("Measure of success: %(measure)s") % {"measure": goal.success_measure},
        submit=_("Record review"),
        shown=(goal.life_area.category, goal),
    )


@login_required
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    goal = goal_for_change(request, pk)
    form = StepForm(request.POST or None, initial={"version": goal.plan.version})
    return versioned_form_view(
        request,
        goal.case,
        form,
        change=do_add_step,
        target=goal,
        saved=_("The step was added."),
        title=_("New step towards „%(goal)s“") % {"goal": goal.title},
        submit=_("Add step"),
        shown=(goal.life_area.category, goal),
    )


@login_required
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    step = step_for_change(request, pk)
    plan = plan_for(step.case)
    initial = {
        "version": plan.version,
        "description": step.description,
        "responsible_kind": step.responsible_kind,
        "responsible_organisation": step.responsible_organisation_id,
        "responsible_name": step.responsible_name,
        "due_date": step.due_date,
        "status": step.status,
    }
    form = StepForm(request.POST or None, initial=initial)
    return versioned_form_view(
        request,
        step.case,
        form,
        change=do_update_step,
        target=step,
        saved=_("The step was saved."),
        title=_("Edit step „%(step)s“") % {"step": step.description},
        submit=_("Save step"),
        shown=(step.goal.life_area.category, step),
    )


@login_required
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    plan = existing_plan(case)
    initial = {
        "version": plan.version,
        "agreed_on": plan.agreed_on,
        "agreement_form": plan.agreement_form,
    }
    form = AgreementRecordForm(request.POST or None, initial=initial)
    return versioned_form_view(
        request,
        case,
        form,
        change=do_record_agreement,
        target=case,
        saved=_("The agreement was recorded."),
        title=_("Agreement on the plan of case %(reference)s") % {"reference": case.reference},
        intro=_(
            "Record when and how the person agreed to the goals and steps. "
            "Leave both fields empty to withdraw the record."
        ),
        submit=_("Save agreement"),
        # A plan not written yet has no stored values to read.
        shown=(DataCategory.CASE_NOTES, plan) if plan.pk else None,
    )
