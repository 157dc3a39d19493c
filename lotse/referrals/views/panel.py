"""The referrals panel on the case page: every referral of the case the reader may see."""

from __future__ import annotations

from lotse.cases.panels import CaseView, PanelContent
from lotse.referrals.models import CaseHandover, Referral
from lotse.referrals.views.common import CaseAccess, shown_rows


def referrals_panel(view: CaseView) -> PanelContent | None:
    referrals = list(
        Referral.objects.visible_to(view.user, case=view.case)
        .select_related("person", "consent", "recipient_organisation", "service")
        .order_by("-sent_at", "-id")
    )
    if not referrals and not view.can_change:
        return None
    # What the page read of the case already answers for the case's own referrals.
    known = CaseAccess(view.case.person_id, view.case.pk, view.categories, view.can_change)
    rows = shown_rows(view.user, referrals, known)
    pending = None
    if view.can_change:
        pending = (
            CaseHandover.objects.filter(case=view.case, status="requested")
            .select_related("to_organisation")
            .first()
        )
    shown: frozenset[str] = frozenset()
    for row in rows:
        shown |= row.audited
    return PanelContent(
        template="referrals/_panel.html",
        context={
            "rows": rows,
            "can_send": view.can_change and view.case.is_open,
            "pending_handover": pending,
        },
        categories=shown,
    )
