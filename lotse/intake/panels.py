"""The intake and the assessment on the case page (orders 10 and 20)."""

from typing import Any

from lotse.cases.models import LifeArea
from lotse.cases.panels import CaseView, PanelContent
from lotse.core.categories import DataCategory
from lotse.intake.choices import PRIORITY_RANK
from lotse.intake.models import AssessmentEntry
from lotse.intake.views.record import intake_queryset

NOTES = DataCategory.CASE_NOTES.value


def render_intake(view: CaseView) -> PanelContent | None:
    # The intake is the owner's record of the first conversation: case notes.
    if NOTES not in view.categories:
        return None
    # The page has the person, case and organisation already; the panel shows
    # the consent and who recorded it.
    intake = (
        intake_queryset(view.user)
        .select_related(None)
        .select_related("consent", "recorded_by")
        .filter(case=view.case)
        .first()
    )
    if intake is None:
        return None
    areas = list(intake.life_areas.all())
    providers = list(intake.providers.all())
    return PanelContent(
        template="intake/_intake_panel.html",
        context={
            "intake": intake,
            "life_areas": areas,
            "providers": providers,
            "indication": intake.indication(len(areas), len(providers)),
        },
        categories=frozenset({NOTES}),
    )


def _change(entry: AssessmentEntry) -> str:
    """How the priority moved since the previous assessment: up, down, same or new."""
    previous = entry.previous
    if previous is None:
        return "new"
    before, after = PRIORITY_RANK[previous.priority], PRIORITY_RANK[entry.priority]  # type: ignore[index]
    return "up" if after > before else "down" if after < before else "same"


def render_assessment(view: CaseView) -> PanelContent | None:
    entries = list(
        AssessmentEntry.objects.visible_to(view.user, case=view.case)
        .current()
        .select_related("life_area", "previous")
        .order_by("life_area__position", "life_area__code")
    )
    if not entries and not view.can_change:
        return None
    rows: list[dict[str, Any]] = [{"entry": e, "change": _change(e)} for e in entries]
    missing: list[LifeArea] = []
    if view.can_change and view.case.is_open:
        assessed = {e.life_area_id for e in entries}
        missing = [a for a in LifeArea.objects.filter(active=True) if a.pk not in assessed]
    return PanelContent(
        template="intake/_assessment_panel.html",
        context={"rows": rows, "missing": missing},
        categories=frozenset(e.life_area.category for e in entries),
    )
