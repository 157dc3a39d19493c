"""Writing the plan: goals, steps, reviews, the agreement. Only for the owner's case staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lotse.cases.models import Case
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
from lotse.plans.locking import ChangeLine
from lotse.plans.views.common import (
    audit_form_read,
    form_page,
    goal_for_change,
    plan_panel_response,
    refuse,
    step_for_change,
)


def _back(request: HttpRequest, case: Case, saved: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        return plan_panel_response(request, case, saved)
    messages.success(request, saved)
    response = redirect("cases:detail", pk=case.pk)
    response["Location"] += "#plan-heading"
    return response


@login_required
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    plan = existing_plan(case)
    changes: list[ChangeLine] = []
    form = GoalForm(request.POST or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_add_goal(
                request.user,
                case,
                life_area=data["life_area"],
                title=data["title"],
                success_measure=data["success_measure"],
                target_date=data["target_date"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            changes = refuse(form, error)
        else:
            return _back(request, case, _("The goal was added."))
    return form_page(
        request,
        case,
        form,
        title=_("New goal for case %(reference)s") % {"reference": case.reference},
        submit=_("Add goal"),
        changes=changes,
    )


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = goal_for_change(request, pk)
    changes: list[ChangeLine] = []
    initial = {
        "version": goal.plan.version,
        "life_area": goal.life_area_id,
        "title": goal.title,
        "success_measure": goal.success_measure,
        "target_date": goal.target_date,
    }
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            do_update_goal(request.user, goal, expected_version=version, **data)
        except ValidationError as error:
            changes = refuse(form, error)
        else:
            return _back(request, goal.case, _("The goal was saved."))
    audit_form_read(request, goal.case, goal.life_area.category, goal)
    return form_page(
        request,
        goal.case,
        form,
        title=_("Edit goal „%(goal)s“") % {"goal": goal.title},
        submit=_("Save goal"),
        changes=changes,
    )


@login_required
def goal_review(request: HttpRequest, pk: int) -> HttpResponse:
    goal = goal_for_change(request, pk)
    changes: list[ChangeLine] = []
    form = ReviewForm(request.POST or None, initial={"version": goal.plan.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_review_goal(
                request.user,
                goal,
                attainment=data["attainment"],
                reason=data["reason"],
                reviewed_on=data["reviewed_on"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            changes = refuse(form, error)
        else:
            return _back(request, goal.case, _("The review was recorded."))
    audit_form_read(request, goal.case, goal.life_area.category, goal)
    return form_page(
        request,
        goal.case,
        form,
        title=_("Review goal „%(goal)s“") % {"goal": goal.title},
        intro=_("Measure of success: %(measure)s") % {"measure": goal.success_measure},
        submit=_("Record review"),
        changes=changes,
    )


@login_required
def step_add(request: HttpRequest, pk: int) -> HttpResponse:
    goal = goal_for_change(request, pk)
    changes: list[ChangeLine] = []
    form = StepForm(request.POST or None, initial={"version": goal.plan.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            do_add_step(request.user, goal, expected_version=version, **data)
        except ValidationError as error:
            changes = refuse(form, error)
        else:
            return _back(request, goal.case, _("The step was added."))
    audit_form_read(request, goal.case, goal.life_area.category, goal)
    return form_page(
        request,
        goal.case,
        form,
        title=_("New step towards „%(goal)s“") % {"goal": goal.title},
        submit=_("Add step"),
        changes=changes,
    )


@login_required
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    step = step_for_change(request, pk)
    plan = plan_for(step.case)
    changes: list[ChangeLine] = []
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
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            do_update_step(request.user, step, expected_version=version, **data)
        except ValidationError as error:
            changes = refuse(form, error)
        else:
            return _back(request, step.case, _("The step was saved."))
    audit_form_read(request, step.case, step.goal.life_area.category, step)
    return form_page(
        request,
        step.case,
        form,
        title=_("Edit step „%(step)s“") % {"step": step.description},
        submit=_("Save step"),
        changes=changes,
    )


@login_required
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    plan = existing_plan(case)
    changes: list[ChangeLine] = []
    initial = {
        "version": plan.version,
        "agreed_on": plan.agreed_on,
        "agreement_form": plan.agreement_form,
    }
    form = AgreementRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_record_agreement(
                request.user,
                case,
                agreed_on=data["agreed_on"],
                agreement_form=data["agreement_form"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            changes = refuse(form, error)
        else:
            return _back(request, case, _("The agreement was recorded."))
    if plan.pk:
        audit_form_read(request, case, DataCategory.CASE_NOTES, plan)
    return form_page(
        request,
        case,
        form,
        title=_("Agreement on the plan of case %(reference)s") % {"reference": case.reference},
        intro=_(
            "Record when and how the person agreed to the goals and steps. "
            "Leave both fields empty to withdraw the record."
        ),
        submit=_("Save agreement"),
        changes=changes,
    )
