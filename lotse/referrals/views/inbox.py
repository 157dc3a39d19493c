"""The receiving organisation's inbox: referrals and hand-overs addressed to it.

Paged by keyset (the sent time and id of the last row shown), not by page
number: an office with tens of thousands of referrals pays for one page of the
index, however far back it reads, and the total is counted only up to a cap.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.audit.log import record_reads
from lotse.referrals.choices import HandoverStatus, ReferralStatus
from lotse.referrals.forms import HandoverAnswerForm
from lotse.referrals.models import CaseHandover, Referral
from lotse.referrals.views.common import Shown, shown_rows

PAGE_SIZE = 50
COUNT_CAP = 1000


@dataclass(frozen=True)
class InboxPage:
    rows: list[Shown]
    total: int
    more_than_cap: bool
    older: str
    newer: str


def cursor_of(referral: Referral) -> str:
    return f"{referral.sent_at.isoformat()}_{referral.pk}"


def _parse(cursor: str) -> tuple[datetime.datetime, int] | None:
    moment, _sep, pk = cursor.rpartition("_")
    try:
        parsed = datetime.datetime.fromisoformat(moment)
        number = int(pk)
    except ValueError:
        return None
    if parsed.tzinfo is None or not 0 < number < 2**63:
        return None
    return parsed, number


def inbox_queryset(user: Any, status: str = "") -> QuerySet[Referral]:
    queryset = Referral.objects.filter(recipient_organisation_id__in=user.case_organisation_ids)
    if status in ReferralStatus.values:
        queryset = queryset.filter(status=status)
    return queryset


def inbox_page(user: Any, status: str = "", before: str = "", after: str = "") -> InboxPage:
    """One page of the inbox: a constant number of queries, whatever the inbox holds."""
    base = inbox_queryset(user, status)
    rows = base.select_related("person", "consent", "sender_organisation", "service")
    older_than, newer_than = _parse(before), _parse(after)
    if newer_than is not None:
        moment, pk = newer_than
        # The bound on sent_at alone lets the index start at the cursor.
        page = list(
            rows.filter(sent_at__gte=moment)
            .filter(Q(sent_at__gt=moment) | Q(id__gt=pk))
            .order_by("sent_at", "id")[: PAGE_SIZE + 1]
        )
        has_newer, has_older = len(page) > PAGE_SIZE, True
        page = list(reversed(page[:PAGE_SIZE]))
    else:
        if older_than is not None:
            moment, pk = older_than
            rows = rows.filter(sent_at__lte=moment).filter(Q(sent_at__lt=moment) | Q(id__lt=pk))
        page = list(rows.order_by("-sent_at", "-id")[: PAGE_SIZE + 1])
        has_older, has_newer = len(page) > PAGE_SIZE, older_than is not None
        page = page[:PAGE_SIZE]
    total = base.order_by().values("id")[: COUNT_CAP + 1].count()
    return InboxPage(
        rows=shown_rows(user, page),
        total=min(total, COUNT_CAP),
        more_than_cap=total > COUNT_CAP,
        older=cursor_of(page[-1]) if page and has_older else "",
        newer=cursor_of(page[0]) if page and has_newer else "",
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.case_organisation_ids:
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in ReferralStatus.values:
        status = ""
    page = inbox_page(user, status, request.GET.get("before", ""), request.GET.get("after", ""))
    record_reads(
        user,
        [(row.referral.person_id, row.referral.case_id, row.audited) for row in page.rows],
        object_type="referrals.referral",
    )
    handovers = list(
        CaseHandover.objects.filter(
            to_organisation_id__in=user.case_organisation_ids, status=HandoverStatus.REQUESTED
        )
        .select_related("case", "from_organisation")
        .order_by("requested_at", "id")
    )
    return render(
        request,
        "referrals/inbox.html",
        {
            "page": page,
            "rows": page.rows,
            "status": status,
            "statuses": ReferralStatus.choices,
            "handovers": handovers,
            "answer_form": HandoverAnswerForm(),
        },
    )
