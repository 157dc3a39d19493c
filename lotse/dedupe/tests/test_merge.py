"""Merging moves everything to the survivor in one go; undo restores exactly that."""

import datetime

import pytest
from django.utils import timezone

from lotse.access.models import AccessGrant, Consent
from lotse.audit.models import AuditEntry
from lotse.cases.models import Case
from lotse.dedupe.merge import MergeRefused, do_mark_distinct, do_merge, do_undo_merge
from lotse.dedupe.models import CandidateStatus, MergeRecord
from lotse.namekeys.models import NameKey
from lotse.people.actions import do_add_detail
from lotse.people.models import NameSpelling, Nationality, OfficeIdentifier, Person
from lotse.people.search import search_people
from lotse.residence.models import StatusPeriod
from lotse.testing import factories as f


def _owned_rows(person):
    return {
        "cases": set(Case.objects.filter(person=person).values_list("pk", flat=True)),
        "consents": set(Consent.objects.filter(person=person).values_list("pk", flat=True)),
        "spellings": set(NameSpelling.objects.filter(person=person).values_list("pk", flat=True)),
        "nationalities": set(
            Nationality.objects.filter(person=person).values_list("pk", flat=True)
        ),
        "identifiers": set(
            OfficeIdentifier.objects.filter(person=person).values_list("pk", flat=True)
        ),
        "status": set(StatusPeriod.objects.filter(person=person).values_list("pk", flat=True)),
    }


def test_it_moves_everything_to_the_survivor(dora, survivor, duplicate, pair):
    merge = do_merge(dora, duplicate, survivor, pair)

    survivor.refresh_from_db()
    assert survivor.merged_into_id == duplicate.pk
    assert Case.objects.filter(person=duplicate).count() == 1
    assert Consent.objects.filter(person=duplicate).count() == 1
    assert OfficeIdentifier.objects.filter(person=duplicate).count() == 1
    # SYR was on both: the survivor's stays, the tombstone keeps its own copy.
    assert sorted(
        Nationality.objects.filter(person=duplicate).values_list("country", flat=True)
    ) == [
        "LBN",
        "SYR",
    ]
    assert StatusPeriod.objects.filter(person=duplicate).count() == 1
    # The kept record is found under both names; the tombstone is not found at all.
    names = set(NameSpelling.objects.filter(person=duplicate).values_list("family_name", flat=True))
    assert {"Haddad", "حداد"} <= names
    assert not NameKey.objects.filter(person=survivor).exists()
    assert not AccessGrant.objects.filter(person=survivor).exists()
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.MERGED
    assert pair.decided_by == dora
    assert merge.moved["cases.Case.person"]
    entries = AuditEntry.objects.filter(person_id__in=[survivor.pk, duplicate.pk], action="update")
    assert entries.filter(changes__merge=merge.pk).count() == 2


def test_it_is_found_by_either_name_after_the_merge(alice, survivor, duplicate, pair, dora):
    do_merge(dora, survivor, duplicate, pair)
    found = [m.person.pk for m in search_people(alice, "Amina Hadad")]
    assert found == [survivor.pk]


def test_it_undoes_exactly_what_moved(dora, alice, survivor, duplicate, pair):
    before = (_owned_rows(survivor), _owned_rows(duplicate))
    keys_before = NameKey.objects.filter(person=duplicate).count()
    merge = do_merge(dora, survivor, duplicate, pair)
    # Added to the survivor after the merge: stays with the survivor on undo.
    later = do_add_detail(alice, Nationality(person=survivor, country="IRQ"))

    do_undo_merge(dora, merge)

    after_survivor = _owned_rows(survivor)
    after_survivor["nationalities"].discard(later.pk)
    assert (after_survivor, _owned_rows(duplicate)) == before
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
    assert NameKey.objects.filter(person=duplicate).count() == keys_before
    assert AccessGrant.objects.filter(person=duplicate).exists()
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.OPEN
    merge.refresh_from_db()
    assert merge.undone_by == dora


def test_it_refuses_undo_after_thirty_days(dora, survivor, duplicate, pair):
    merge = do_merge(dora, survivor, duplicate, pair)
    MergeRecord.objects.filter(pk=merge.pk).update(
        merged_at=timezone.now() - datetime.timedelta(days=31)
    )
    merge.refresh_from_db()
    with pytest.raises(MergeRefused, match="only within 30 days"):
        do_undo_merge(dora, merge)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk


def test_it_refuses_undo_twice(dora, survivor, duplicate, pair):
    merge = do_merge(dora, survivor, duplicate, pair)
    do_undo_merge(dora, merge)
    with pytest.raises(MergeRefused, match="already been undone"):
        do_undo_merge(dora, merge)


def test_it_refuses_two_open_cases_in_one_programme_and_changes_nothing(
    dora, alice, caritas, survivor, duplicate, pair
):
    f.case(caritas, duplicate, managers=(alice,), actor=alice)
    before = (_owned_rows(survivor), _owned_rows(duplicate))
    with pytest.raises(MergeRefused, match="open cases in one programme"):
        do_merge(dora, survivor, duplicate, pair)
    assert (_owned_rows(survivor), _owned_rows(duplicate)) == before
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None


def test_it_refuses_merging_a_tombstone_again(dora, caritas, survivor, duplicate, pair):
    do_merge(dora, survivor, duplicate, pair)
    third = f.person(caritas, None, family_name="Haddat")
    with pytest.raises(MergeRefused, match="already been merged"):
        do_merge(dora, third, duplicate)


def test_it_refuses_a_decided_pair(dora, survivor, duplicate, pair):
    do_mark_distinct(dora, pair)
    with pytest.raises(MergeRefused, match="already been decided"):
        do_merge(dora, survivor, duplicate, pair)
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def test_merge_and_undo_make_stored_target_groups_stale(dora, survivor, duplicate, pair):
    # Status periods move with the merge: a stored target-group list computed
    # before it would show the merged record and miss the survivor's new status.
    from lotse.residence.group_cache import current_stamp

    before = current_stamp()
    merge = do_merge(dora, survivor, duplicate, pair)
    after_merge = current_stamp()
    do_undo_merge(dora, merge)

    assert before < after_merge < current_stamp()
