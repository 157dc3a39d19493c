"""The team lead's view: caseload per person, and handing cases over."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.audit.log import record_reads
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.deadlines.actions import do_reassign_case
from lotse.deadlines.forms import ReassignForm
from lotse.deadlines.queries import caseload
from lotse.deadlines.team import leads_member, led_scopes, team_members

IDENTITY = frozenset({DataCategory.IDENTITY.value})
PAGE_SIZE = 50


def _require_lead(request: HttpRequest) -> None:
    # Not a team lead: the page does not exist for them (404, like anything forbidden).
    if not led_scopes(request.user):
        raise Http404


@login_required
def caseload_page(request: HttpRequest) -> HttpResponse:
    _require_lead(request)
    return render(request, "deadlines/caseload.html", {"members": caseload(request.user)})


def _member(request: HttpRequest, user_id: int) -> Any:
    member = get_object_or_404(team_members(request.user), pk=user_id)
    return member


@login_required
def member_cases(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_lead(request)
    member = _member(request, user_id)
    lead: Any = request.user
    org_ids = [org for org, _team in led_scopes(lead)]
    cases = (
        Case.objects.visible_to(lead)
        .open()
        .filter(managers=member, organisation_id__in=org_ids)
        .select_related("person")
        .order_by("-opened_on", "-id")
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    record_reads(lead, [(c.person_id, c.pk, IDENTITY) for c in rows], object_type="cases.case")
    # One list for every row's select, not one query per row.
    successors = [(u.pk, u.display()) for u in team_members(lead).exclude(pk=member.pk)]
    return render(
        request,
        "deadlines/member_cases.html",
        {"member": member, "page": page, "cases": rows, "successors": successors},
    )


@login_required
@require_POST
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    _require_lead(request)
    lead: Any = request.user
    case = get_object_or_404(Case.objects.visible_to(lead).open(), pk=pk)
    if not any(org == case.organisation_id for org, _team in led_scopes(lead)):
        raise Http404
    form = ReassignForm(request.POST, members=team_members(lead))
    if not form.is_valid():
        messages.error(request, _("Choose the new case manager."))
        return redirect("deadlines:caseload")
    from_user = form.cleaned_data["from_user"]
    to_user = form.cleaned_data["to_user"]
    if not leads_member(lead, to_user, case.organisation_id):
        raise Http404
    try:
        do_reassign_case(lead, case, from_user=from_user, to_user=to_user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Case %(reference)s now lies with %(name)s.")
            % {"reference": case.reference, "name": to_user.display()},
        )
    return redirect("deadlines:member_cases", user_id=from_user.pk)
