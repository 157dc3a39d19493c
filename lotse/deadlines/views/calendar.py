"""The secret calendar address: issue, rotate, revoke; and the feed itself."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lotse.audit.log import record
from lotse.audit.models import AuditAction
from lotse.deadlines.actions import do_revoke_calendar_feed, do_rotate_calendar_feed
from lotse.deadlines.ical import build_calendar, feed_tasks
from lotse.deadlines.models import CalendarFeed
from lotse.deadlines.models.calendar import token_digest


def feed_url(request: HttpRequest, raw: str) -> str:
    return request.build_absolute_uri(reverse("deadlines:feed", args=[raw]))


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    feed = CalendarFeed.objects.filter(user=user).first()
    return render(request, "deadlines/calendar.html", {"feed": feed, "url": None})


@login_required
@require_POST
def calendar_rotate(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    raw = do_rotate_calendar_feed(user)
    feed = CalendarFeed.objects.get(user=user)
    # Shown once, on this answer only: the database keeps just a digest.
    response = render(
        request, "deadlines/calendar.html", {"feed": feed, "url": feed_url(request, raw)}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    if do_revoke_calendar_feed(request.user):
        messages.success(request, _("The calendar address no longer works."))
    return redirect("deadlines:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No session: calendar apps fetch with the secret address alone."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(digest=token_digest(token), user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    user = feed.user
    tasks = feed_tasks(user)
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    # Case references reach the calendar: the fetch is recorded as the user's read.
    record(
        user,
        AuditAction.READ,
        object_type="deadlines.calendarfeed",
        object_id=feed.pk,
        changes={"tasks": len(tasks)},
    )
    response = HttpResponse(
        build_calendar(tasks, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = 'inline; filename="lotse.ics"'
    return response
