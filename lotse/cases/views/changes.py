"""Changing a case: phase, summary, managers. Only for the owner's case staff.

Closing lives in lotse.plans.views.close: it asks for each open goal's attainment.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.audit.log import record_read
from lotse.cases.actions import do_assign_manager, do_change_phase, do_update_case
from lotse.cases.forms import AssignManagerForm, PhaseForm, SummaryForm
from lotse.cases.models import Case
from lotse.cases.views.common import case_for_change
from lotse.cases.views.detail import phase_context, phase_form
from lotse.core.categories import DataCategory
from lotse.core.errors import StaleObject
from lotse.core.forms import add_action_errors


def _render_phase_panel(
    request: HttpRequest, case: Case, *, saved: bool = False, problems: list[str] | None = None
) -> HttpResponse:
    # Always the stored state: after a refusal the user decides again on current facts.
    context = {
        "case": case,
        "phase_form": phase_form(case) if case.is_open else None,
        "saved": saved,
        "problems": problems or [],
        "partial": True,
        **phase_context(request.user, case),
    }
    return render(request, "cases/_phase.html", context)


@login_required
@require_POST
def change_phase(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    form = PhaseForm(request.POST)
    htmx = bool(getattr(request, "htmx", False))
    problems: list[str]
    if form.is_valid():
        try:
            case = do_change_phase(
                request.user,
                case,
                form.cleaned_data["phase"],
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:  # StaleObject included
            case.refresh_from_db()
            problems = error.messages
        else:
            if htmx:
                return _render_phase_panel(request, case, saved=True)
            messages.success(
                request,
                _("Phase changed to %(phase)s.") % {"phase": case.get_phase_display()},
            )
            return redirect("cases:detail", pk=case.pk)
    else:
        problems = [str(message) for errors in form.errors.values() for message in errors]
    if htmx:
        return _render_phase_panel(request, case, problems=problems)
    for message in problems:
        messages.error(request, message)
    return redirect("cases:detail", pk=case.pk)


@login_required
def edit_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    conflict: Case | None = None
    if request.method == "POST":
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                do_update_case(
                    request.user,
                    case,
                    expected_version=form.cleaned_data["version"],
                    summary=form.cleaned_data["summary"],
                )
            except StaleObject as stale:
                # Keep the user's text and show what is stored now; sending
                # the form again is then a conscious overwrite.
                conflict = Case.objects.get(pk=case.pk)
                data = request.POST.copy()
                data["version"] = str(conflict.version)
                form = SummaryForm(data)
                form.is_valid()
                form.add_error(None, stale.messages)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, _("The summary was saved."))
                return redirect("cases:detail", pk=case.pk)
    else:
        form = SummaryForm(initial={"version": case.version, "summary": case.summary})
    record_read(
        request.user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=[DataCategory.CASE_NOTES],
        object_type="cases.case",
        object_id=case.pk,
    )
    return render(
        request,
        "cases/edit.html",
        {"case": case, "form": form, "conflict": conflict},
    )


@login_required
def assign_manager(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    form = AssignManagerForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        user: Any = form.cleaned_data["user"]
        try:
            do_assign_manager(request.user, case, user)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s now manages this case.") % {"name": user.display()}
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Assign a case manager to %(reference)s") % {"reference": case.reference},
            "submit": _("Assign"),
        },
    )
