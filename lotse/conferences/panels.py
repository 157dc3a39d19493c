"""The case page's conference panel (order 80, reserved in lotse.cases.panels)."""

from __future__ import annotations

from lotse.cases.panels import CasePanel, CaseView, PanelContent, register
from lotse.conferences.models import CaseConference

SHOWN = 10


def render_conferences(view: CaseView) -> PanelContent | None:
    # Scheduled from this case, or a family's conference this case is part of.
    shown = CaseConference.objects.visible_to(view.user, case=view.case)
    conferences = list(shown[: SHOWN + 1])
    can_schedule = view.can_change and view.case.is_open
    if not conferences and not can_schedule:
        return None
    return PanelContent(
        template="conferences/_panel.html",
        context={
            "conferences": conferences[:SHOWN],
            "more": len(conferences) > SHOWN,
            "can_schedule": can_schedule,
        },
        # A conference's occasion is data of the category it discusses.
        categories=frozenset(c.data_category for c in conferences[:SHOWN]),
    )


def register_panel() -> None:
    register(CasePanel(key="conferences", order=80, render=render_conferences))
