"""The receiving organisation's inbox: referrals and hand-overs addressed to it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.audit.log import record_reads
from lotse.referrals.choices import HandoverStatus, ReferralStatus
from lotse.referrals.forms import HandoverAnswerForm
from lotse.referrals.models import CaseHandover, Referral
from lotse.referrals.views.common import shown_rows

PAGE_SIZE = 50


def inbox_page(user: Any, status: str = "", page: Any = 1) -> tuple[Any, list[Any]]:
    """One page of the inbox: a constant number of queries, whatever the inbox holds."""
    queryset = Referral.objects.filter(
        recipient_organisation_id__in=user.case_organisation_ids
    ).select_related("person", "consent", "sender_organisation", "service")
    if status in ReferralStatus.values:
        queryset = queryset.filter(status=status)
    paginator = Paginator(queryset.order_by("-sent_at", "-id"), PAGE_SIZE)
    current = paginator.get_page(page)
    rows = shown_rows(user, list(current.object_list))
    return current, rows


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.case_organisation_ids:
        raise PermissionDenied
    status = request.GET.get("status", "")
    current, rows = inbox_page(user, status, request.GET.get("page", 1))
    record_reads(
        user,
        [(row.referral.person_id, row.referral.case_id, row.audited) for row in rows],
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
            "rows": rows,
            "page": current,
            "status": status,
            "statuses": ReferralStatus.choices,
            "handovers": handovers,
            "answer_form": HandoverAnswerForm(),
        },
    )
