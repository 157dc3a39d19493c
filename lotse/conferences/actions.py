"""Scheduling case conferences, keeping their minutes and turning decisions into tasks.

Every function takes the acting user, runs in one transaction and writes its
audit entry in it; invitations leave only after the commit. Views and the API
call these and nothing else.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.visibility import categories_for, current_grants, may_change
from lotse.audit.log import record, record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.cases.models import Case
from lotse.conferences.choices import ParticipantKind
from lotse.conferences.invitations import recipients_of, send_invitations
from lotse.conferences.models import (
    AgendaItem,
    CaseConference,
    ConferenceCase,
    ConferenceParticipant,
    Decision,
)
from lotse.core.categories import DataCategory, to_mask
from lotse.core.errors import StaleObject
from lotse.deadlines.actions import do_create_task
from lotse.network.models import Organisation

MAX_AGENDA = 20


def uncovered(case: Case, organisations: Sequence[Organisation], category: str) -> list[str]:
    """Names of the organisations that hold no current release of `category` for the case.

    The owner holds every category; another office only what the person
    released to it as a participant of this case (the precomputed grants).
    """
    bit = to_mask([category])
    covered = set()
    for organisation_id, mask in (
        current_grants()
        .filter(case_id=case.pk, organisation_id__in=[o.pk for o in organisations])
        .values_list("organisation_id", "categories")
    ):
        bits = mask if isinstance(mask, int) else to_mask(mask)
        if bits & bit:
            covered.add(organisation_id)
    return [o.name for o in organisations if o.pk not in covered]


def audit_change(
    actor: Any,
    instance: Any,
    conference: CaseConference,
    before: Any = None,
    *,
    cases: Sequence[Case] | None = None,
) -> None:
    """One entry per case concerned, so each person's trail shows the change."""
    after = snapshot(instance)
    changes = {
        k: [(before or {}).get(k), v] for k, v in after.items() if (before or {}).get(k) != v
    }
    for case in cases if cases is not None else conference.all_cases():
        record(
            actor,
            AuditAction.CREATE if before is None else AuditAction.UPDATE,
            object_type=instance._meta.label_lower,
            object_id=instance.pk,
            person_id=case.person_id,
            case_id=case.pk,
            categories=[conference.data_category],
            changes=changes,
        )


def person_label(actor: Any, case: Case) -> str:
    """How a refusal names a case's person: by name only to a reader of the
    person's identity, otherwise by the case reference alone."""
    if "identity" in categories_for(actor, case.person_id, case.pk):
        return _("%(name)s (case %(reference)s)") % {
            "name": case.person.display_name,
            "reference": case.reference,
        }
    return _("the person of case %(reference)s") % {"reference": case.reference}


def _further_case_errors(actor: Any, case: Case, further: Sequence[Case]) -> list[str]:
    errors = []
    for other in further:
        if other.pk == case.pk:
            continue
        if not may_change(actor, other.person_id, other.pk):
            # Not the actor's to plan with: said without naming anything of it.
            errors.append(_("Only cases you may change can join the conference."))
        elif other.organisation_id != case.organisation_id:
            # The organiser's office reads the minutes as the owner of every case.
            errors.append(
                _("Case %(reference)s belongs to another organisation.")
                % {"reference": other.reference}
            )
        elif not other.is_open:
            errors.append(
                _("Case %(reference)s is closed and takes no conferences.")
                % {"reference": other.reference}
            )
    return list(dict.fromkeys(errors))


def release_errors(
    actor: Any, cases: Sequence[Case], organisations: Sequence[Organisation], category: str
) -> list[str]:
    """One message per case whose person released the category not to every
    invited organisation (the case's own owner needs no release)."""
    messages = []
    for case in cases:
        invited = [o for o in organisations if o.pk != case.organisation_id]
        missing = uncovered(case, invited, category) if invited else []
        if missing:
            messages.append(
                _(
                    "No release of %(person)s covers %(category)s for: %(names)s. "
                    "Record a release first or leave them out."
                )
                % {
                    "person": person_label(actor, case),
                    "category": DataCategory(category).label,
                    "names": ", ".join(missing),
                }
            )
    return messages


@transaction.atomic
def do_schedule_conference(
    actor: Any,
    case: Case,
    *,
    title: str,
    data_category: str,
    starts_at: datetime.datetime,
    organisations: Sequence[Organisation],
    agenda: Sequence[str],
    duration_minutes: int = 60,
    place: str = "",
    video_link: str = "",
    person_attends: bool = True,
    interpreter_language: str = "",
    further_cases: Sequence[Case] = (),
) -> CaseConference:
    errors: dict[str, list[str]] = {}
    further = [c for c in dict.fromkeys(further_cases) if c.pk != case.pk]
    further_errors = _further_case_errors(actor, case, further)
    if further_errors:
        errors["further_cases"] = further_errors
    if not case.is_open:
        raise ValidationError(_("A closed case takes no conferences."))
    if data_category not in DataCategory.values:
        errors["data_category"] = [_("Choose the kind of data the conference discusses.")]
    if starts_at <= timezone.now():
        errors["starts_at"] = [_("A conference is scheduled in the future.")]
    if not place.strip() and not video_link.strip():
        errors["place"] = [_("Give a place or a video link.")]
    items = [item.strip() for item in agenda if item.strip()]
    if not items:
        errors["agenda"] = [_("Give at least one agenda item.")]
    elif len(items) > MAX_AGENDA:
        errors["agenda"] = [_("At most %(n)s agenda items.") % {"n": MAX_AGENDA}]
    others = [o for o in dict.fromkeys(organisations) if o.pk != case.organisation_id]
    if not others:
        errors["organisations"] = [_("Invite at least one other organisation.")]
    elif data_category in DataCategory.values and not further_errors:
        # Nothing is stored and nothing is sent: every person's release decides.
        missing = release_errors(actor, [case, *further], others, data_category)
        if missing:
            errors["organisations"] = missing
    if errors:
        raise ValidationError(errors)
    conference = CaseConference(
        case=case,
        title=title.strip(),
        data_category=data_category,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        video_link=video_link.strip(),
        person_attends=person_attends,
        interpreter_language=interpreter_language,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    conference.full_clean(exclude=["case", "created_by"])
    conference.save()
    record_change(actor, conference, None)
    ConferenceCase.objects.bulk_create(
        [ConferenceCase(conference=conference, case=other) for other in further]
    )
    ConferenceParticipant.objects.bulk_create(
        [
            ConferenceParticipant(
                conference=conference,
                organisation=case.organisation,
                kind=ParticipantKind.ORGANISER,
                invited_email=getattr(actor, "email", "") or "",
            ),
            *(
                ConferenceParticipant(
                    conference=conference,
                    organisation=o,
                    kind=ParticipantKind.ORGANISATION,
                    invited_email=o.email,
                )
                for o in others
            ),
        ]
    )
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(conference=conference, position=n, title=text[:200])
            for n, text in enumerate(items, start=1)
        ]
    )
    for concerned in [case, *further]:
        record(
            actor,
            AuditAction.UPDATE,
            object_type="conferences.caseconference",
            object_id=conference.pk,
            person_id=concerned.person_id,
            case_id=concerned.pk,
            categories=[data_category],
            changes={
                "participants": [[], sorted(o.name for o in [case.organisation, *others])],
                "agenda": [[], items],
                "cases": [[], sorted(c.reference for c in [case, *further])],
            },
        )
    recipients = recipients_of(conference)
    transaction.on_commit(lambda: send_invitations(conference, recipients))
    return conference


@transaction.atomic
def do_record_minutes(
    actor: Any,
    conference: CaseConference,
    *,
    minutes: dict[int, str],
    next_review_on: datetime.date | None = None,
    expected_versions: dict[int, int] | None = None,
    keep_review_date: bool = False,
) -> CaseConference:
    """Minutes per agenda item (by item id) and the date of the next review.

    With `expected_versions` (item id → version the writer read) an item that
    someone else saved in between is refused as stale, and nothing is saved."""
    if conference.starts_at > timezone.now():
        raise ValidationError(_("Minutes are recorded once the conference has begun."))
    if (
        not keep_review_date
        and next_review_on is not None
        and next_review_on <= timezone.localdate()
    ):
        raise ValidationError({"next_review_on": [_("The next review lies in the future.")]})
    items = {i.pk: i for i in AgendaItem.objects.select_for_update().filter(conference=conference)}
    unknown = (set(minutes) | set(expected_versions or {})) - set(items)
    if unknown:
        raise ValidationError(_("These agenda items belong to another conference."))
    stale = [
        items[pk]
        for pk, version in (expected_versions or {}).items()
        if items[pk].version != version
    ]
    if stale:
        raise StaleObject(
            _("Someone else changed the minutes in the meantime: %(items)s. Reload.")
            % {"items": ", ".join(f"{i.position}. {i.title}" for i in stale)}
        )
    cases = conference.all_cases()
    for pk, text in minutes.items():
        item = items[pk]
        if item.minutes != text.strip():
            before = snapshot(item)
            item.minutes = text.strip()
            item.version += 1
            item.save(update_fields=["minutes", "version"])
            audit_change(actor, item, conference, before, cases=cases)
    before = snapshot(conference)
    if not keep_review_date:
        conference.next_review_on = next_review_on
    conference.minutes_recorded_at = timezone.now()
    conference.save(update_fields=["next_review_on", "minutes_recorded_at"])
    record_change(actor, conference, before)
    return conference


@transaction.atomic
def do_record_decision(
    actor: Any,
    conference: CaseConference,
    *,
    text: str,
    organisation: Organisation,
    due_on: datetime.date,
    agenda_item: AgendaItem | None = None,
    case: Case | None = None,
) -> Decision:
    """A decision and, in the same transaction, the responsible organisation's task
    in the case it concerns (the conference's own case unless another is named)."""
    errors: dict[str, list[str]] = {}
    cases = conference.all_cases()
    target = case or conference.case
    if target.pk not in {c.pk for c in cases}:
        errors["case"] = [_("The case is not one of the conference's cases.")]
        target = conference.case
    if not text.strip():
        errors["text"] = [_("Say what was decided.")]
    if not conference.participants.filter(organisation=organisation).exists():
        errors["organisation"] = [_("Only an organisation that took part can be responsible.")]
    elif organisation.pk != target.organisation_id and uncovered(
        target, [organisation], conference.data_category
    ):
        # The release may have been withdrawn since the invitation.
        errors["organisation"] = [
            _("The person's release no longer covers %(name)s.") % {"name": organisation.name}
        ]
    if agenda_item is not None and agenda_item.conference_id != conference.pk:
        errors["agenda_item"] = [_("The agenda item belongs to another conference.")]
    if errors:
        raise ValidationError(errors)
    task = do_create_task(
        actor,
        target,
        title=text.strip()[:200],
        due_on=due_on,
        organisation=organisation,
        note=_("Decision of the case conference on %(date)s")
        % {"date": timezone.localtime(conference.starts_at).strftime("%d.%m.%Y")},
    )
    decision = Decision.objects.create(
        conference=conference,
        agenda_item=agenda_item,
        text=text.strip()[:200],
        case=target,
        organisation=organisation,
        due_on=due_on,
        task=task,
    )
    audit_change(actor, decision, conference, cases=[target])
    return decision
