from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from lotse.access.models import Consent
from lotse.access.visibility import access_to, categories_for
from lotse.audit.log import record_read
from lotse.cases.forms import PhaseForm
from lotse.cases.models import Case, CaseParticipant, CasePhaseChange
from lotse.cases.panels import CaseView, contents
from lotse.core.categories import DataCategory


def phase_form(case: Case) -> PhaseForm:
    return PhaseForm(initial={"phase": case.phase, "version": case.version})


def phase_context(
    user: Any, case: Case, categories: frozenset[str] | None = None
) -> dict[str, Any]:
    """The case's phase history for the phase panel; notes only with case notes released."""
    if categories is None:
        categories = categories_for(user, case.person_id, case.pk)
    changes = list(
        CasePhaseChange.objects.visible_to(user, case=case)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )
    notes = DataCategory.CASE_NOTES in categories
    return {"phase_changes": changes, "phase_notes_released": notes}


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = get_object_or_404(
        Case.objects.visible_to(user, case=pk)
        .select_related("person", "organisation")
        .prefetch_related(
            "managers",
            Prefetch(
                "participants",
                queryset=CaseParticipant.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
        ),
        pk=pk,
    )
    categories, can_change = access_to(user, case.person_id, case.pk)
    # Consents are the owner's records (Consent.visible_to is owner-only):
    # a participant sees none, the owner sees those covering this case.
    consents = (
        Consent.objects.visible_to(user)
        .filter(person_id=case.person_id)
        .filter(Q(case=case) | Q(case__isnull=True))
        .prefetch_related("recipients")
    )
    panels = contents(
        CaseView(request=request, case=case, categories=categories, can_change=can_change)
    )
    shown = categories & {DataCategory.IDENTITY.value, DataCategory.CASE_NOTES.value}
    for panel in panels:
        shown |= panel.categories & categories
    record_read(
        user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=shown,
        object_type="cases.case",
        object_id=case.pk,
    )
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "identity_released": DataCategory.IDENTITY in categories,
            "notes_released": DataCategory.CASE_NOTES in categories,
            "can_change": can_change,
            "consents": list(consents),
            "phase_form": phase_form(case) if can_change and case.is_open else None,
            **phase_context(user, case, categories),
            "panels": panels,
        },
    )
