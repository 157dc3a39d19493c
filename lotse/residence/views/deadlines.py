"""The own deadline list: residence deadlines of every person the user may see."""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lotse.audit.log import record_reads
from lotse.residence.forms import DeadlineFilterForm
from lotse.residence.queries import upcoming_deadlines
from lotse.residence.views.common import IDENTITY, RESIDENCE


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    default_lead = settings.RESIDENCE_DEADLINE_LEAD_DAYS
    form = DeadlineFilterForm(request.GET or None, initial={"lead_days": default_lead})
    lead_days, mine = default_lead, False
    if form.is_valid():
        lead_days = form.cleaned_data["lead_days"] or default_lead
        mine = form.cleaned_data["mine"]
    today = timezone.localdate()
    items = []
    if not form.is_bound or form.is_valid():
        items = upcoming_deadlines(user, today=today, lead_days=lead_days, mine=mine)
    shown = {
        item.deadline.person_id: {RESIDENCE, IDENTITY} if item.person else {RESIDENCE}
        for item in items
    }
    record_reads(user, [(pk, None, cats) for pk, cats in shown.items()])
    return render(
        request,
        "residence/deadlines.html",
        {"form": form, "items": items, "today": today, "lead_days": lead_days},
    )
