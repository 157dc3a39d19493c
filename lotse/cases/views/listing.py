"""The case list: what a case manager opens first every morning.

Built to stay fast with a million cases: every scope adds a predicate that an
index serves (CaseManagerAssignment (user, case) for "my cases", Case
(organisation, phase, -opened_on) for the organisation's cases), visibility
stays the one semi-join from `visible_to`, and pages are found by keyset.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.access.visibility import categories_for_cases
from lotse.audit.log import record_reads
from lotse.cases.choices import Phase
from lotse.cases.forms import (
    PHASE_OPEN,
    SCOPE_MINE,
    SCOPE_OWNED,
    SCOPE_TAKING_PART,
    CaseFilterForm,
    default_scope,
)
from lotse.cases.models import Case, CaseParticipant
from lotse.cases.views.paging import keyset_page
from lotse.core.categories import DataCategory

OPEN_PHASES = [value for value in Phase.values if value != Phase.CLOSED]


def _filtered(cases: QuerySet[Case], user: Any, data: dict[str, Any]) -> QuerySet[Case]:
    scope = data.get("scope") or default_scope(user)
    organisation_ids = user.case_organisation_ids
    if scope == SCOPE_MINE:
        cases = cases.filter(managers=user)
    elif scope == SCOPE_OWNED:
        cases = cases.filter(organisation_id__in=organisation_ids)
    elif scope == SCOPE_TAKING_PART:
        cases = cases.filter(
            id__in=CaseParticipant.objects.filter(organisation_id__in=organisation_ids).values(
                "case_id"
            )
        )
    phase = data.get("phase")
    if phase == PHASE_OPEN:
        cases = cases.filter(phase__in=OPEN_PHASES)
    elif phase:
        cases = cases.filter(phase=phase)
    if data.get("programme"):
        cases = cases.filter(programme=data["programme"])
    if data.get("reference") is not None:
        cases = cases.filter(pk=data["reference"])
    return cases


def identity_released(user: Any, cases: list[Case]) -> set[int]:
    """Ids of the cases whose person's name `user` may read, for a whole page at once."""
    held = categories_for_cases(user, [(c.person_id, c.pk) for c in cases])
    return {c.pk for c in cases if DataCategory.IDENTITY in held[(c.person_id, c.pk)]}


def _load(user: Any, ids: list[int]) -> list[Case]:
    if not ids:
        return []
    loaded = (
        Case.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related("person", "organisation")
        .prefetch_related("managers")
    )
    by_id = {case.pk: case for case in loaded}
    return [by_id[pk] for pk in ids if pk in by_id]


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    params = request.GET.copy()
    if "scope" not in params:
        params["scope"] = default_scope(user)
    form = CaseFilterForm(params)
    cases: QuerySet[Case] = Case.objects.visible_to(user)
    # An invalid filter shows its error and no rows, never the unfiltered list.
    cases = _filtered(cases, user, form.cleaned_data) if form.is_valid() else cases.none()
    # Two steps: find the page's ids on the case table alone, then load those
    # rows with person, organisation and managers. Joined in one query, the
    # planner fetched a person for every candidate case before sorting.
    page = keyset_page(
        cases.only("id", "opened_on"),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    page.rows = _load(user, [row.pk for row in page.rows])
    released = identity_released(user, page.rows)
    # The list shows the released names: each listed person's trail records it.
    record_reads(
        user,
        [(c.person_id, c.pk, {DataCategory.IDENTITY}) for c in page.rows if c.pk in released],
        object_type="cases.case",
    )
    filters = params.copy()
    for key in ("after", "before"):
        filters.pop(key, None)
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "rows": [(case, case.pk in released) for case in page.rows],
            "filter_query": filters.urlencode(),
            "may_open": bool(user.case_organisation_ids),
        },
    )
