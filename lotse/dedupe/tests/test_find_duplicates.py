"""`lotse find_duplicates` fills the queue from the linkage; decided pairs never return."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from lotse.dedupe.models import CandidateStatus, DuplicateCandidate
from lotse.testing import factories as f


@pytest.fixture
def records(caritas):
    born = datetime.date(1988, 3, 14)
    same = [
        f.person(
            caritas,
            None,
            given_names="Mohammed",
            family_name="Al-Hassan",
            birth_date=born,
            birth_place="Homs",
        ),
        f.person(
            caritas,
            None,
            given_names="Muhammad",
            family_name="Alhassan",
            birth_date=born,
            birth_place="Homs",
        ),
    ]
    f.person(
        caritas,
        None,
        given_names="Olena",
        family_name="Kovalenko",
        birth_date=datetime.date(1975, 9, 2),
    )
    return same


def test_it_queues_the_likely_pair_once(records):
    call_command("find_duplicates", "--threshold", "0.5")
    pairs = list(DuplicateCandidate.objects.all())
    assert [(p.person_a_id, p.person_b_id) for p in pairs] == [tuple(sorted(r.pk for r in records))]
    assert pairs[0].evidence["birth_date"] == "same"
    call_command("find_duplicates", "--threshold", "0.5")
    assert DuplicateCandidate.objects.count() == 1


def test_it_never_proposes_a_distinct_pair_again(records):
    call_command("find_duplicates", "--threshold", "0.5")
    DuplicateCandidate.objects.update(status=CandidateStatus.DISTINCT)
    call_command("find_duplicates", "--threshold", "0.5")
    assert list(DuplicateCandidate.objects.values_list("status", flat=True)) == ["distinct"]


def test_it_rejects_a_threshold_that_is_no_probability(db):
    with pytest.raises(CommandError, match="probability"):
        call_command("find_duplicates", "--threshold", "2")
