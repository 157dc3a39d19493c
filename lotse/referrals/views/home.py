"""Start-page sections: my overdue referrals (sender), new referrals in my inbox (receiver)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from lotse.access.visibility import Action
from lotse.cases.models import CaseManagerAssignment
from lotse.core.home import HomeSection
from lotse.referrals.choices import ReferralStatus
from lotse.referrals.models import Referral
from lotse.referrals.views.common import shown_rows

SHOWN = 10


def answer_days() -> int:
    return int(getattr(settings, "LOTSE_REFERRAL_ANSWER_DAYS", 10))


def _section(user: Any, rows: list[Referral], template: str, extra: dict[str, Any]) -> HomeSection:
    more = len(rows) > SHOWN
    shown = shown_rows(user, rows[:SHOWN])
    return HomeSection(
        template=template,
        context={"rows": shown, "more": more, **extra},
        reads=tuple(
            (row.referral.person_id, row.referral.case_id, row.audited)
            for row in shown
            if row.audited
        ),
    )


def overdue_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not user.is_authenticated or not user.case_organisation_ids:
        return None
    days = answer_days()
    limit = timezone.now() - datetime.timedelta(days=days)
    # The sender's own cases: their rows never read the release (the consent), and
    # the case itself is not needed, only whether the user manages it; every join
    # left out here is planning time PostgreSQL spends on each start page.
    managed = CaseManagerAssignment.objects.filter(user=user).values("case_id")
    rows = list(
        Referral.objects.visible_to(user, Action.CHANGE)
        .filter(status=ReferralStatus.SENT, sent_at__lt=limit, case_id__in=managed)
        .select_related("person", "recipient_organisation")
        .order_by("sent_at", "id")[: SHOWN + 1]
    )
    if not rows:
        return None
    return _section(user, rows, "referrals/_home_overdue.html", {"days": days})


def inbox_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not user.is_authenticated or not user.case_organisation_ids:
        return None
    rows = list(
        Referral.objects.filter(
            recipient_organisation_id__in=user.case_organisation_ids, status=ReferralStatus.SENT
        )
        .select_related("person", "consent", "sender_organisation")
        .order_by("-sent_at", "-id")[: SHOWN + 1]
    )
    if not rows:
        return None
    return _section(user, rows, "referrals/_home_inbox.html", {})
