"""Individual participants of a conference: the person, an interpreter, a named
staff member of a participating organisation; and who attended.

Invitations go only to attendees with an e-mail address and follow the rules of
every invitation (lotse.conferences.invitations): no name, no content.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.log import snapshot
from lotse.conferences.actions import audit_change, release_errors
from lotse.conferences.choices import Attendance, AttendeeRole
from lotse.conferences.invitations import send_invitations
from lotse.conferences.models import CaseConference, ConferenceAttendee
from lotse.network.models import Organisation
from lotse.people.models import Person

LANGUAGE_LENGTHS = (2, 3)


def _attendee_errors(
    actor: Any,
    conference: CaseConference,
    *,
    role: str,
    name: str,
    person: Person | None,
    organisation: Organisation | None,
    language: str,
    email: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    cases = conference.all_cases()
    if role not in AttendeeRole.values:
        errors["role"] = [_("Choose the person, an interpreter or a staff member.")]
    elif role == AttendeeRole.PERSON:
        if person is None or person.pk not in {c.person_id for c in cases}:
            errors["person"] = [_("Choose the person of one of the conference's cases.")]
        elif conference.attendees.filter(person=person).exists():
            errors["person"] = [_("The person already takes part.")]
    elif not name:
        errors["name"] = [_("Give the name.")]
    if role == AttendeeRole.INTERPRETER and not (
        len(language) in LANGUAGE_LENGTHS and language.isascii() and language.isalpha()
    ):
        errors["language"] = [_("Give the language as an ISO code such as ar, prs or uk.")]
    if role == AttendeeRole.STAFF:
        if (
            organisation is None
            or not conference.participants.filter(organisation=organisation).exists()
        ):
            errors["organisation"] = [_("Choose an organisation that takes part.")]
        else:
            # The release may have been withdrawn since the conference was scheduled.
            missing = release_errors(actor, cases, [organisation], conference.data_category)
            if missing:
                errors["organisation"] = missing
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Give a valid e-mail address, or none.")]
    return errors


@transaction.atomic
def do_add_attendee(
    actor: Any,
    conference: CaseConference,
    *,
    role: str,
    name: str = "",
    person: Person | None = None,
    organisation: Organisation | None = None,
    language: str = "",
    email: str = "",
) -> ConferenceAttendee:
    """Add one participant; an invitation leaves after the commit if they have an
    e-mail address and the conference is still ahead."""
    name, language, email = name.strip(), language.strip().lower(), email.strip()
    errors = _attendee_errors(
        actor,
        conference,
        role=role,
        name=name,
        person=person,
        organisation=organisation,
        language=language,
        email=email,
    )
    if errors:
        raise ValidationError(errors)
    invite = bool(email) and conference.starts_at > timezone.now()
    attendee = ConferenceAttendee.objects.create(
        conference=conference,
        role=role,
        person=person if role == AttendeeRole.PERSON else None,
        name="" if role == AttendeeRole.PERSON else name[:200],
        organisation=organisation if role == AttendeeRole.STAFF else None,
        language=language if role == AttendeeRole.INTERPRETER else "",
        email=email,
        invited_at=timezone.now() if invite else None,
    )
    audit_change(actor, attendee, conference)
    if invite:
        transaction.on_commit(lambda: send_invitations(conference, [email]))
    return attendee


@transaction.atomic
def do_record_attendance(
    actor: Any, conference: CaseConference, attendance: Mapping[int, str]
) -> list[ConferenceAttendee]:
    """Who attended, by attendee id; once the conference has begun."""
    if conference.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the conference has begun."))
    if any(value not in Attendance.values for value in attendance.values()):
        raise ValidationError(_("Choose invited, attended, excused or absent."))
    attendees = {
        a.pk: a
        for a in ConferenceAttendee.objects.select_for_update().filter(conference=conference)
    }
    if set(attendance) - set(attendees):
        raise ValidationError(_("These participants belong to another conference."))
    cases = conference.all_cases()
    changed = []
    for pk, value in attendance.items():
        attendee = attendees[pk]
        if attendee.attendance != value:
            before = snapshot(attendee)
            attendee.attendance = value
            attendee.save(update_fields=["attendance"])
            audit_change(actor, attendee, conference, before, cases=cases)
            changed.append(attendee)
    return changed
