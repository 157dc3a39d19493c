"""Closing a case: the reason, and for each open goal its attainment with a reason.

This replaces the cases app's plain close page (cases:close points here), so
that no case is closed with its goals left unassessed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.cases.views.common import case_for_change
from lotse.core.errors import StaleObject
from lotse.core.forms import add_action_errors
from lotse.plans.actions import do_close_case_with_goals
from lotse.plans.forms import CloseWithGoalsForm
from lotse.plans.models import Goal
from lotse.plans.views.common import audit_form_read


@login_required
def close_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    if not case.is_open:
        messages.error(request, _("This case is already closed."))
        return redirect("cases:detail", pk=case.pk)
    goals = list(
        Goal.objects.filter(case=case, settled_on__isnull=True)
        .select_related("life_area")
        .order_by("position", "id")
    )
    if request.method == "POST":
        form = CloseWithGoalsForm(request.POST, goals=goals)
        if form.is_valid():
            try:
                do_close_case_with_goals(
                    request.user,
                    case,
                    reason=form.cleaned_data["reason"],
                    closed_on=form.cleaned_data["closed_on"],
                    attainments=form.attainments(),
                    expected_version=form.cleaned_data["version"],
                )
            except StaleObject as stale:
                form.add_error(None, stale.messages)
            except ValidationError as error:
                renamed = {"closing_reason": "reason"}
                renamed.update({f"goal_{g.pk}": f"goal_{g.pk}_reason" for g in goals})
                add_action_errors(form, error, renamed)
            else:
                messages.success(request, _("The case was closed."))
                return redirect("cases:detail", pk=case.pk)
    else:
        form = CloseWithGoalsForm(
            initial={"version": case.version, "closed_on": timezone.localdate()}, goals=goals
        )
    # The goals' titles are shown: a read of their life areas' categories.
    for category in {goal.life_area.category for goal in goals}:
        audit_form_read(request, case, category, case)
    return render(
        request,
        "plans/close.html",
        {
            "case": case,
            "form": form,
            "title": _("Close case %(reference)s") % {"reference": case.reference},
        },
    )
