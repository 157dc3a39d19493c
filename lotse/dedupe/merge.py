"""Merging two records of one person, and undoing it.

Every foreign key to people.Person in the project must be named in HANDLING
(tests/test_merge_coverage.py fails otherwise), so a new app's data cannot be
left behind on the merged-away record unnoticed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.grants import rebuild_person_grants
from lotse.audit.log import record
from lotse.audit.models import AuditAction
from lotse.core.categories import DataCategory
from lotse.dedupe.models import CandidateStatus, DuplicateCandidate, MergeRecord
from lotse.namekeys import service as namekeys
from lotse.people.choices import SpellingKind
from lotse.people.models import NameSpelling, Person
from lotse.residence.group_cache import bump_stamp

UNDO_DAYS = 30


class Handling(StrEnum):
    # Rows move to the survivor; a row that would duplicate one the survivor
    # already has under a unique constraint (the same nationality, the same
    # household) stays with the tombstone: the survivor holds the fact already.
    MOVE = "move"
    # Rows move, all of them: if one cannot (two open cases in one programme),
    # the merge is refused with a message instead of hiding work on a tombstone.
    MOVE_ALL = "move_all"
    # Derived rows, recomputed for both records after the merge and the undo.
    REBUILT = "rebuilt"
    # Rows about the record itself that must stay with it.
    KEEP = "keep"


HANDLING: dict[str, Handling] = {
    "people.NameSpelling.person": Handling.MOVE,
    "people.Nationality.person": Handling.MOVE,
    "people.LanguageSkill.person": Handling.MOVE,
    "people.ContactDetail.person": Handling.MOVE,
    "people.Address.person": Handling.MOVE,
    "people.OfficeIdentifier.person": Handling.MOVE,
    "people.HouseholdMembership.person": Handling.MOVE,
    "cases.Case.person": Handling.MOVE_ALL,
    "access.Consent.person": Handling.MOVE_ALL,
    "intake.IntakeRecord.person": Handling.MOVE_ALL,
    "residence.Evaluation.person": Handling.MOVE,
    # One set of residence facts per person: the survivor's own wins, the
    # tombstone's stays with it (and comes back on undo).
    "residence.ResidenceFacts.person": Handling.MOVE,
    "residence.LanguageCertificate.person": Handling.MOVE,
    "residence.EmploymentSpell.person": Handling.MOVE,
    "residence.BenefitPeriod.person": Handling.MOVE,
    "residence.Conviction.person": Handling.MOVE,
    "residence.Child.person": Handling.MOVE,
    "residence.StatusPeriod.person": Handling.MOVE,
    # Work on the person's cases follows the cases (which all move).
    "residence.DeadlineTask.person": Handling.MOVE_ALL,
    "referrals.Referral.person": Handling.MOVE_ALL,
    # Who was informed of a campaign: the survivor was, once.
    "outreach.CampaignRecipient.person": Handling.MOVE,
    # The person taking part in a conference: the survivor did (once per conference).
    "conferences.ConferenceAttendee.person": Handling.MOVE,
    "namekeys.NameKey.person": Handling.REBUILT,
    "access.AccessGrant.person": Handling.REBUILT,
    "people.Person.merged_into": Handling.KEEP,
    "dedupe.DuplicateCandidate.person_a": Handling.KEEP,
    "dedupe.DuplicateCandidate.person_b": Handling.KEEP,
    "dedupe.MergeRecord.survivor": Handling.KEEP,
    "dedupe.MergeRecord.merged": Handling.KEEP,
}


class MergeRefused(ValidationError):
    pass


def person_foreign_keys() -> Iterator[tuple[str, type[models.Model], models.ForeignKey[Any, Any]]]:
    """(key in HANDLING, model, field) for every concrete relation to Person."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            # OneToOneField is a ForeignKey too.
            if not isinstance(field, models.ForeignKey):
                continue
            if field.concrete and field.related_model is Person:
                yield f"{model._meta.label}.{field.name}", model, field


def _unique_sets(model: type[models.Model], field: models.Field[Any, Any]) -> Iterator[Any]:
    """(other fields, condition) of each uniqueness rule that includes `field`."""
    if field.unique:
        yield (), None
    for constraint in model._meta.constraints:
        fields = getattr(constraint, "fields", ())
        if isinstance(constraint, models.UniqueConstraint) and field.name in fields:
            yield tuple(f for f in fields if f != field.name), constraint.condition
    for together in model._meta.unique_together:
        if field.name in together:
            yield tuple(f for f in together if f != field.name), None


def _colliding(
    model: type[models.Model], field: models.Field[Any, Any], survivor: int, merged: int
) -> set[int]:
    """Ids of the merged record's rows the survivor already has under a uniqueness rule."""
    manager = model._base_manager
    blocked: set[int] = set()
    for others, condition in _unique_sets(model, field):
        scope = Q(condition) if condition is not None else Q()
        held = set(manager.filter(scope, **{field.attname: survivor}).values_list(*others, "pk"))
        if not held:
            continue
        have = {row[:-1] for row in held}
        for row in manager.filter(scope, **{field.attname: merged}).values_list(*others, "pk"):
            if row[:-1] in have:
                blocked.add(row[-1])
    return blocked


def _handling(key: str) -> Handling:
    try:
        return HANDLING[key]
    except KeyError:
        raise MergeRefused(
            _("Merging is not set up for %(relation)s yet.") % {"relation": key}
        ) from None


def _move(survivor: Person, merged: Person) -> dict[str, list[int]]:
    moved: dict[str, list[int]] = {}
    plans: list[tuple[type[models.Model], Any, list[int]]] = []
    # Check every relation before touching any: a refusal must change nothing.
    for key, model, field in person_foreign_keys():
        handling = _handling(key)
        if handling not in (Handling.MOVE, Handling.MOVE_ALL):
            continue
        blocked = _colliding(model, field, survivor.pk, merged.pk)
        if blocked and handling == Handling.MOVE_ALL:
            raise MergeRefused(
                _(
                    "Both persons have a %(what)s that cannot be held twice (for example two "
                    "open cases in one programme). Close or change one of them first."
                )
                % {"what": model._meta.verbose_name}
            )
        ids = list(
            model._base_manager.filter(**{field.attname: merged.pk})
            .exclude(pk__in=blocked)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if ids:
            moved[key] = ids
            plans.append((model, field, ids))
    for model, field, ids in plans:
        model._base_manager.filter(pk__in=ids).update(**{field.attname: survivor.pk})
    return moved


def _refresh(*person_ids: int) -> None:
    namekeys.refresh(person_ids)
    # Residence rows moved (and the merged record left every list): stored
    # target-group lists must be computed again, as after any residence change.
    bump_stamp()
    for pk in person_ids:
        rebuild_person_grants(pk)


def _lock(*person_ids: int) -> dict[int, Person]:
    return Person.objects.select_for_update().order_by("pk").in_bulk(list(person_ids))


def _audit(actor: Any, person_id: int, changes: dict[str, Any]) -> None:
    record(
        actor,
        AuditAction.UPDATE,
        object_type="people.person",
        object_id=person_id,
        person_id=person_id,
        categories=[DataCategory.IDENTITY],
        changes=changes,
    )


def _counts(moved: dict[str, list[int]]) -> dict[str, int]:
    return {key: len(ids) for key, ids in sorted(moved.items())}


@transaction.atomic
def do_merge(
    actor: Any, survivor: Person, merged: Person, candidate: DuplicateCandidate | None = None
) -> MergeRecord:
    """Move everything of `merged` to `survivor`; `merged` stays as a tombstone."""
    if survivor.pk == merged.pk:
        raise MergeRefused(_("A person cannot be merged into themselves."))
    persons = _lock(survivor.pk, merged.pk)
    if len(persons) != 2:
        raise MergeRefused(_("One of the two persons no longer exists."))
    survivor, merged = persons[survivor.pk], persons[merged.pk]
    if survivor.merged_into_id is not None or merged.merged_into_id is not None:
        raise MergeRefused(_("One of the two persons has already been merged into another."))
    if candidate is not None:
        candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.status != CandidateStatus.OPEN:
            raise MergeRefused(_("This pair has already been decided."))
        if {candidate.person_a_id, candidate.person_b_id} != {survivor.pk, merged.pk}:
            raise MergeRefused(_("The surviving person must be one of the pair."))
    moved = _move(survivor, merged)
    # The merged record's own name becomes a spelling of the survivor, so the
    # person is found under both names.
    spelling = NameSpelling.objects.create(
        person=survivor,
        given_names=merged.given_names,
        family_name=merged.family_name,
        kind=SpellingKind.OFFICE_RECORD,
        source=_("merged record %(id)s") % {"id": merged.pk},
    )
    Person.objects.filter(pk=merged.pk).update(merged_into=survivor.pk)
    now = timezone.now()
    merge = MergeRecord.objects.create(
        candidate=candidate,
        survivor=survivor,
        merged=merged,
        moved=moved,
        added_spelling_id=spelling.pk,
        merged_by=actor if getattr(actor, "pk", None) else None,
        merged_at=now,
    )
    if candidate is not None:
        DuplicateCandidate.objects.filter(pk=candidate.pk).update(
            status=CandidateStatus.MERGED, decided_by=merge.merged_by, decided_at=now
        )
    _refresh(survivor.pk, merged.pk)
    counts = _counts(moved)
    _audit(
        actor, merged.pk, {"merged_into": [None, survivor.pk], "merge": merge.pk, "moved": counts}
    )
    _audit(actor, survivor.pk, {"merged_from": merged.pk, "merge": merge.pk, "moved": counts})
    return merge


def undo_deadline(merge: MergeRecord) -> datetime.datetime:
    return merge.merged_at + datetime.timedelta(days=UNDO_DAYS)


@transaction.atomic
def do_undo_merge(actor: Any, merge: MergeRecord, *, note: str = "") -> MergeRecord:
    """Move back exactly the rows the merge moved; both records are separate again."""
    merge = MergeRecord.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise MergeRefused(_("This merge has already been undone."))
    if timezone.now() > undo_deadline(merge):
        raise MergeRefused(
            _(
                "This merge was made on %(date)s; a merge can be undone only within "
                "%(days)d days. Separate the records by hand instead."
            )
            % {"date": timezone.localtime(merge.merged_at).strftime("%d.%m.%Y"), "days": UNDO_DAYS}
        )
    _lock(merge.survivor_id, merge.merged_id)
    for key, ids in merge.moved.items():
        label, field_name = key.rsplit(".", 1)
        model = apps.get_model(label)
        attname = model._meta.get_field(field_name).attname
        # Rows deleted since the merge are gone; rows added to the survivor
        # since then were never the merged record's and stay.
        model._base_manager.filter(pk__in=ids, **{attname: merge.survivor_id}).update(
            **{attname: merge.merged_id}
        )
    if merge.added_spelling_id is not None:
        NameSpelling.objects.filter(
            pk=merge.added_spelling_id, person_id=merge.survivor_id
        ).delete()
    Person.objects.filter(pk=merge.merged_id).update(merged_into=None)
    now = timezone.now()
    merge.undone_at = now
    merge.undone_by = actor if getattr(actor, "pk", None) else None
    merge.save(update_fields=["undone_at", "undone_by"])
    if merge.candidate_id is not None:
        # Undone means undecided again: the pair returns to the queue.
        DuplicateCandidate.objects.filter(pk=merge.candidate_id).update(
            status=CandidateStatus.OPEN, decided_by=None, decided_at=None
        )
    _refresh(merge.survivor_id, merge.merged_id)
    changes: dict[str, Any] = {"merge_undone": merge.pk}
    if note:
        changes["note"] = note
    _audit(actor, merge.merged_id, {"merged_into": [merge.survivor_id, None], **changes})
    _audit(actor, merge.survivor_id, {"merged_from": merge.merged_id, **changes})
    return merge


@transaction.atomic
def do_mark_distinct(
    actor: Any, candidate: DuplicateCandidate, *, note: str = ""
) -> DuplicateCandidate:
    """Not the same person: the pair is kept, decided, and never proposed again."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != CandidateStatus.OPEN:
        raise MergeRefused(_("This pair has already been decided."))
    candidate.status = CandidateStatus.DISTINCT
    candidate.decided_by = actor if getattr(actor, "pk", None) else None
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
    for person_id, other in (
        (candidate.person_a_id, candidate.person_b_id),
        (candidate.person_b_id, candidate.person_a_id),
    ):
        changes: dict[str, Any] = {"not_the_same_as": other, "candidate": candidate.pk}
        if note:
            changes["note"] = note
        _audit(actor, person_id, changes)
    return candidate
