"""Synthetic persons get plausible status histories the residence rules accept."""

import datetime
import itertools

import pytest

from lotse.residence.actions import check_no_overlap
from lotse.residence.models import StatusPeriod
from lotse.synth.residence import person_rng, status_rows
from lotse.synth.tests.helpers import TODAY, small_run

STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def test_histories_are_ordered_without_overlap_and_reproducible():
    for person_id in range(1, 400):
        arrived = TODAY - datetime.timedelta(days=30 + person_id * 7)
        rows = status_rows(person_rng(7, person_id), person_id, arrived, TODAY, STAMP)
        assert rows == status_rows(person_rng(7, person_id), person_id, arrived, TODAY, STAMP)
        assert rows[0][1] == "gestattung" and rows[0][3] == arrived
        for earlier, later in itertools.pairwise(rows):
            assert earlier[4] is not None and later[3] == earlier[4] + datetime.timedelta(days=1)
        assert all(row[4] is None or row[4] >= row[3] for row in rows)


@pytest.mark.django_db
def test_a_synthetic_district_holds_status_histories():
    small_run(persons=60)
    periods = list(StatusPeriod.objects.all())
    assert len({p.person_id for p in periods}) == 60
    for period in periods:
        check_no_overlap(period)
    assert {"gestattung", "duldung"} <= {p.kind for p in periods}


@pytest.mark.django_db(transaction=True)
def test_a_synthetic_load_makes_stored_target_groups_stale(caritas, alice):
    """The load writes status periods past the actions: it moves the residence stamp
    in its own transaction, so a list stored before is computed again."""
    from lotse.residence.group_cache import current_stamp, lookup

    before = lookup(alice, "25b_within_6_months", today=TODAY)
    assert before.rows == [] and current_stamp() == 0
    assert lookup(alice, "25b_within_6_months", today=TODAY).result.pk == before.result.pk
    small_run(persons=30)
    assert current_stamp() == 1
    after = lookup(alice, "25b_within_6_months", today=TODAY)
    assert after.result.pk != before.result.pk and after.result.stamp == 1
