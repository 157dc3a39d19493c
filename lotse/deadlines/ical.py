"""The user's follow-ups and appointments as an iCalendar feed.

A calendar app copies what it fetches to phones and to its provider's cloud,
outside any consent. So an event says only that a follow-up in case
F-0000123 is due on a day, or that an appointment in it starts at an hour
(a task with a time), with a link into Lotse: no person's name, no
"what to do" (which often names an office, a diagnosis or a status). Whoever
follows the link signs in and sees what visibility allows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lotse.deadlines.actions import appointment_start
from lotse.deadlines.models import Task

PRODID = "-//Lotse//Follow-ups//DE"
# An appointment blocks this long in the calendar: the task holds only its start.
APPOINTMENT_LENGTH = datetime.timedelta(hours=1)


def feed_tasks(user: Any, *, horizon_days: int = 400) -> list[Task]:
    """The user's own open follow-ups (not the team's: a team calendar would
    repeat them in every member's calendar), in cases the user may still change;
    and the tasks a case conference handed to the user's organisation, while it
    holds a release for the case: nobody else at that office carries them, so
    each of its case staff sees them until one completes them."""
    today = timezone.localdate()
    mine = Q(assignee=user)
    organisations = getattr(user, "case_organisation_ids", [])
    if organisations:
        mine |= Q(organisation_id__in=organisations)
    return list(
        Task.objects.visible_to(user)
        .open()
        .filter(mine, due_on__gte=today - datetime.timedelta(days=90))
        .filter(due_on__lte=today + datetime.timedelta(days=horizon_days))
        .select_related("case")
        .order_by("due_on", "id")
    )


def build_calendar(tasks: Iterable[Task], *, host: str = "lotse") -> bytes:
    base = getattr(settings, "LOTSE_BASE_URL", "").rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Lotse follow-ups"))
    stamp = timezone.now()
    for task in tasks:
        event = Event()
        # Stable per task, so a calendar updates the event when the date moves.
        event.add("uid", f"task-{task.pk}@{host}")
        event.add("dtstamp", stamp)
        if task.appointment_time is None:
            # A follow-up: an all-day event that does not block the day.
            event.add("dtstart", task.due_on)
            event.add("dtend", task.due_on + datetime.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            summary = _("Follow-up in case %(reference)s")
        else:
            # An appointment with the person: at its hour, in UTC so that no
            # calendar needs Lotse's time-zone definition, and it blocks the time.
            start = appointment_start(task).astimezone(datetime.UTC)
            event.add("dtstart", start)
            event.add("dtend", start + APPOINTMENT_LENGTH)
            event.add("transp", "OPAQUE")
            summary = _("Appointment in case %(reference)s")
        event.add("summary", summary % {"reference": task.case.reference})
        url = base + reverse("cases:detail", args=[task.case_id])
        event.add("url", url)
        event.add("description", url)
        event.add("class", "PRIVATE")
        event.add("sequence", task.version)
        calendar.add_component(event)
    return calendar.to_ical()
