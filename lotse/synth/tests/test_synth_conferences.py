"""The synthetic conferences: few, deterministic, and only where the release allows them."""

import pytest
from django.db import transaction

from lotse.conferences.actions import uncovered
from lotse.conferences.models import CaseConference, Decision
from lotse.synth.conferences import add_conferences
from lotse.synth.tests.helpers import TODAY, small_run

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def _rows():
    # Case ids may come from sequences PostgreSQL does not roll back: compare content.
    return list(
        CaseConference.objects.order_by("case_id").values_list(
            "data_category", "title", "place", "interpreter_language", "person_attends"
        )
    )


def test_it_writes_a_few_conferences_the_releases_allow():
    small_run(persons=300)
    written = add_conferences(3, TODAY, progress=lambda _m: None)
    conferences = list(CaseConference.objects.prefetch_related("participants__organisation"))
    assert 0 < len(conferences) == written["conferences_caseconference"] <= 12
    for conference in conferences:
        others = [
            p.organisation
            for p in conference.participants.all()
            if p.organisation_id != conference.case.organisation_id
        ]
        assert others and not uncovered(conference.case, others, conference.data_category)
    for decision in Decision.objects.select_related("task"):
        assert decision.task.organisation_id == decision.organisation_id


def _run_and_rows() -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    try:
        with transaction.atomic():
            small_run(persons=300)
            add_conferences(3, TODAY, progress=lambda _m: None)
            rows = _rows()
            raise Rollback
    except Rollback:
        pass
    return rows


def test_the_same_seed_gives_the_same_conferences():
    first = _run_and_rows()
    assert first and _run_and_rows() == first
