"""Invitations by e-mail with an iCalendar request attached.

Mail leaves the protected system, so it carries no name of the person and no
content of the conference: the case reference, time, place or video link, and
the address in Lotse where a participant with a release reads the rest.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from lotse.conferences.models import CaseConference


def conference_url(conference: CaseConference) -> str:
    base = str(getattr(settings, "LOTSE_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return base + reverse("conferences:detail", args=[conference.pk])


def invitation_ics(conference: CaseConference, recipients: list[str]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Lotse//Fallkonferenz//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"conference-{conference.pk}@lotse")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", conference.starts_at)
    event.add("dtend", conference.ends_at)
    event.add("summary", summary(conference))
    event.add("location", vText(conference.video_link or conference.place))
    event.add("url", conference_url(conference))
    sender = settings.DEFAULT_FROM_EMAIL
    event.add("organizer", vCalAddress(f"mailto:{sender}"))
    for address in recipients:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    return calendar.to_ical()


def summary(conference: CaseConference) -> str:
    return _("Case conference, case %(reference)s") % {"reference": conference.case.reference}


def send_invitations(conference: CaseConference, recipients: list[str]) -> int:
    """One message to all invited addresses; returns how many were addressed."""
    if not recipients:
        return 0
    when = date_format(timezone.localtime(conference.starts_at), "DATETIME_FORMAT")
    body = _(
        "You are invited to a case conference on %(when)s.\n"
        "Where: %(where)s\n"
        "Agenda and minutes, for participants with a release: %(url)s\n"
    ) % {
        "when": when,
        "where": conference.video_link or conference.place,
        "url": conference_url(conference),
    }
    message = EmailMessage(
        subject=summary(conference),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    message.attach("einladung.ics", invitation_ics(conference, recipients), "text/calendar")
    message.send()
    return len(recipients)


def recipients_of(conference: Any) -> list[str]:
    return sorted({p.invited_email for p in conference.participants.all() if p.invited_email})
