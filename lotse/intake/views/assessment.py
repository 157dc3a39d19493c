"""Assessing the life areas of a case, and the history of its assessments."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotse.access.visibility import categories_for
from lotse.audit.log import record_read
from lotse.cases.models import Case, LifeArea
from lotse.cases.views.common import case_for_change
from lotse.core.errors import StaleObject
from lotse.core.forms import add_action_errors
from lotse.intake.actions import do_assess_life_area
from lotse.intake.forms import AssessmentForm
from lotse.intake.models import AssessmentEntry


def _current(user: Any, case: Case, area: LifeArea | None) -> AssessmentEntry | None:
    if area is None:
        return None
    return (
        AssessmentEntry.objects.visible_to(user)
        .current()
        .select_related("life_area", "recorded_by")
        .filter(case=case, life_area=area)
        .first()
    )


def _initial(area: LifeArea | None, current: AssessmentEntry | None) -> dict[str, Any]:
    if area is None:
        return {}
    initial: dict[str, Any] = {"life_area": area.code}
    if current is not None:
        # A re-assessment starts from the current picture and says what changed.
        for name in ("situation", "resources", "needs", "priority", "note"):
            initial[name] = getattr(current, name)
        initial["based_on"] = current.pk
    return initial


@login_required
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = case_for_change(request, pk)
    if not case.is_open:
        messages.error(request, _("A closed case cannot be assessed."))
        return redirect("cases:detail", pk=case.pk)
    code = request.POST.get("life_area") or request.GET.get("area") or ""
    area = LifeArea.objects.filter(code=code, active=True).first()
    current = _current(user, case, area)
    conflict: AssessmentEntry | None = None
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                do_assess_life_area(
                    user,
                    case,
                    data["life_area"],
                    assessed_on=data["assessed_on"],
                    priority=data["priority"],
                    situation=data["situation"],
                    resources=data["resources"],
                    needs=data["needs"],
                    note=data["note"],
                    based_on=data["based_on"],
                )
            except StaleObject as stale:
                # Keep the user's text, show the entry that is current now; sending
                # again is then a conscious re-assessment on top of it.
                conflict = _current(user, case, data["life_area"])
                post = request.POST.copy()
                post["based_on"] = str(conflict.pk) if conflict else ""
                form = AssessmentForm(post)
                form.is_valid()
                form.add_error(None, stale.messages)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The assessment of %(area)s was saved.") % {"area": data["life_area"].label},
                )
                return redirect("cases:detail", pk=case.pk)
    else:
        form = AssessmentForm(initial=_initial(area, current))
    record_read(
        user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=[area.category] if current is not None and area is not None else [],
        object_type="intake.assessmententry",
        object_id=case.pk,
    )
    return render(
        request,
        "intake/assess.html",
        {"case": case, "form": form, "area": area, "current": current, "conflict": conflict},
    )


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = get_object_or_404(Case.objects.visible_to(user), pk=pk)
    entries = list(
        AssessmentEntry.objects.visible_to(user)
        .filter(case=case)
        .select_related("life_area", "recorded_by")
        .order_by("life_area__position", "life_area__code", "-assessed_on", "-id")
    )
    shown = {entry.life_area.category for entry in entries}
    categories = categories_for(user, case.person_id, case.pk)
    record_read(
        user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=shown & categories,
        object_type="intake.assessmententry",
        object_id=case.pk,
    )
    groups: list[tuple[LifeArea, list[AssessmentEntry]]] = []
    for entry in entries:
        if not groups or groups[-1][0].pk != entry.life_area_id:
            groups.append((entry.life_area, []))
        groups[-1][1].append(entry)
    return render(request, "intake/history.html", {"case": case, "groups": groups})
