"""Opening, changing and closing cases; adding and removing participating organisations."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.grants import rebuild_person_grants
from lotse.audit.log import record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.cases.choices import Phase
from lotse.cases.models import Case, CaseManagerAssignment, CaseParticipant, CasePhaseChange
from lotse.core.errors import StaleObject
from lotse.network.models import Organisation
from lotse.people.models import Person


@transaction.atomic
def do_open_case(
    actor: Any,
    person: Person,
    *,
    organisation: Organisation,
    programme: str,
    opened_on: datetime.date | None = None,
    managers: Iterable[Any] = (),
    summary: str = "",
) -> Case:
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": [_("A case cannot be opened in the future.")]})
    if Case.objects.filter(person=person, programme=programme).exclude(phase=Phase.CLOSED).exists():
        raise ValidationError(
            {"programme": [_("This person already has an open case in this programme.")]}
        )
    case = Case(
        person=person,
        organisation=organisation,
        programme=programme,
        opened_on=opened_on,
        summary=summary,
    )
    case.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # A concurrent intake won the race for the one open case.
        raise ValidationError(
            {"programme": [_("This person already has an open case in this programme.")]}
        ) from None
    record_change(actor, case, None)
    _record_phase(actor, case, "", case.phase)
    managers = list(managers)
    for user in managers:
        CaseManagerAssignment.objects.create(case=case, user=user)
    if managers:
        record_change(
            actor,
            case,
            snapshot(case),
            action=AuditAction.UPDATE,
            extra={"managers": [None, sorted(u.pk for u in managers)]},
        )
    rebuild_person_grants(person.pk)
    return case


def _record_phase(actor: Any, case: Case, before: str, after: str, note: str = "") -> None:
    """The phase history row; its audit is the case's own change entry."""
    CasePhaseChange.objects.create(
        case=case,
        from_phase=before,
        to_phase=after,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def _locked(case: Case, expected_version: int | None) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleObject(
            _(
                "Someone else changed this case in the meantime (version %(v)s). Reload and try again."
            )
            % {"v": current.version}
        )
    return current


@transaction.atomic
def do_update_case(
    actor: Any, case: Case, *, expected_version: int | None = None, **fields: Any
) -> Case:
    allowed = {"summary", "programme"}
    if set(fields) - allowed:
        raise ValidationError(_("These fields cannot be changed here."))
    case = _locked(case, expected_version)
    before = snapshot(case)
    for name, value in fields.items():
        setattr(case, name, value)
    case.version += 1
    case.full_clean(validate_constraints=False)
    case.save()
    record_change(actor, case, before)
    return case


@transaction.atomic
def do_change_phase(
    actor: Any,
    case: Case,
    phase: str,
    *,
    expected_version: int | None = None,
    note: str = "",
) -> Case:
    if phase == Phase.CLOSED:
        raise ValidationError({"phase": [_("Use 'close case' to close a case.")]})
    if phase not in Phase.values:
        raise ValidationError({"phase": [_("Choose one of the phases of the method.")]})
    note = note.strip()
    if len(note) > 500:
        raise ValidationError({"note": [_("Keep the note to 500 characters.")]})
    case = _locked(case, expected_version)
    if not case.is_open:
        raise ValidationError({"phase": [_("A closed case cannot change its phase.")]})
    if phase == case.phase:
        raise ValidationError(
            {"phase": [_("The case is already in this phase: choose another one.")]}
        )
    before = snapshot(case)
    previous = case.phase
    case.phase = phase
    case.version += 1
    case.save(update_fields=["phase", "version", "updated_at"])
    record_change(actor, case, before, extra={"phase_note": [None, note]} if note else None)
    _record_phase(actor, case, previous, phase, note)
    return case


@transaction.atomic
def do_close_case(
    actor: Any,
    case: Case,
    *,
    reason: str,
    closed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Case:
    case = _locked(case, expected_version)
    closed_on = closed_on or timezone.localdate()
    if not case.is_open:
        raise ValidationError(_("This case is already closed."))
    if not reason:
        raise ValidationError({"closing_reason": [_("Give a reason for closing.")]})
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": [_("A case cannot close before it opened.")]})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": [_("A case cannot be closed in the future.")]})
    before = snapshot(case)
    previous = case.phase
    case.phase = Phase.CLOSED
    case.closed_on = closed_on
    case.closing_reason = reason
    case.version += 1
    case.full_clean(validate_constraints=False)
    case.save()
    record_change(actor, case, before)
    _record_phase(actor, case, previous, Phase.CLOSED)
    # Participants' consent-based access ends with the case's purpose.
    rebuild_person_grants(case.person_id)
    return case


@transaction.atomic
def do_add_participant(
    actor: Any, case: Case, organisation: Organisation, *, purpose: str = ""
) -> CaseParticipant:
    if organisation.pk == case.organisation_id:
        raise ValidationError({"organisation": [_("The owning organisation already takes part.")]})
    if CaseParticipant.objects.filter(case=case, organisation=organisation).exists():
        raise ValidationError({"organisation": [_("This organisation already takes part.")]})
    participant = CaseParticipant.objects.create(
        case=case, organisation=organisation, purpose=purpose, added_by=actor
    )
    record_change(actor, participant, None)
    rebuild_person_grants(case.person_id)
    return participant


@transaction.atomic
def do_remove_participant(actor: Any, participant: CaseParticipant) -> None:
    before = snapshot(participant)
    person_id = participant.case.person_id
    pk = participant.pk
    participant.delete()
    participant.pk = pk
    record_change(actor, participant, before, action=AuditAction.DELETE)
    # Access ends at once: the grants go in the same transaction.
    rebuild_person_grants(person_id)


@transaction.atomic
def do_assign_manager(actor: Any, case: Case, user: Any) -> CaseManagerAssignment:
    if case.organisation_id not in user.case_organisation_ids:
        raise ValidationError(
            {"user": [_("Only case staff of the owning organisation can manage the case.")]}
        )
    assignment, created = CaseManagerAssignment.objects.get_or_create(case=case, user=user)
    if created:
        record_change(
            actor,
            case,
            snapshot(case),
            action=AuditAction.UPDATE,
            extra={"managers_added": [None, user.pk]},
        )
    return assignment


@transaction.atomic
def do_remove_manager(actor: Any, case: Case, user: Any) -> None:
    """Take a case manager off a case (a handover); the case keeps its other managers."""
    deleted, _rows = CaseManagerAssignment.objects.filter(case=case, user=user).delete()
    if deleted:
        record_change(
            actor,
            case,
            snapshot(case),
            action=AuditAction.UPDATE,
            extra={"managers_removed": [user.pk, None]},
        )
