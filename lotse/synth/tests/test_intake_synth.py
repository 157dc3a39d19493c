"""The synthetic run also fills intakes, assessments and phase histories, consistently."""

import itertools

import pytest
from django.db import connection
from django.db.models import Count

from lotse.cases.models import Case, CasePhaseChange
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.synth.intake import _tables
from lotse.synth.tests.helpers import TODAY, small_run

pytestmark = pytest.mark.django_db


def test_it_gives_every_generated_case_an_intake_and_a_phase_history():
    small_run(persons=60)
    cases = Case.objects.count()
    assert cases > 0
    assert IntakeRecord.objects.count() == cases
    assert not Case.objects.filter(intake__isnull=True).exists()
    for case in Case.objects.all():
        steps = list(
            CasePhaseChange.objects.filter(case=case)
            .order_by("changed_at", "id")
            .values_list("from_phase", "to_phase")
        )
        assert steps[0] == ("", "clearing")
        assert steps[-1][1] == case.phase
        assert all(a[1] == b[0] for a, b in itertools.pairwise(steps))


def test_it_assesses_with_history_and_one_current_entry_per_area():
    small_run(persons=80)
    entries = AssessmentEntry.objects.select_related("case", "previous")
    assert entries.exists()
    assert entries.filter(previous__isnull=False).exists()
    for entry in entries:
        assert entry.case.opened_on <= entry.assessed_on <= TODAY
        if entry.previous is not None:
            assert not entry.previous.is_current
            assert entry.previous.assessed_on <= entry.assessed_on
    doubles = (
        AssessmentEntry.objects.filter(is_current=True)
        .values("case", "life_area")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not doubles.exists()
    assert not AssessmentEntry.objects.filter(case__phase="clearing").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY path is PostgreSQL only")
def test_it_restores_the_indexes_and_keys_of_its_tables():
    names = [db_table for _name, _model, _columns, db_table in _tables()]

    def schema() -> set[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = ANY(%s::regclass[])",
                [names],
            )
            constraints = set(cursor.fetchall())
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid = ANY(%s::regclass[])",
                [names],
            )
            return constraints | set(cursor.fetchall())

    before = schema()
    small_run(persons=30)
    assert schema() == before
    # The id sequences continue after the generated ids.
    assert (
        IntakeRecord.objects.create(
            person_id=IntakeRecord.objects.values_list("person_id", flat=True).first(),
            organisation_id=IntakeRecord.objects.values_list("organisation_id", flat=True).first(),
            held_on=TODAY,
            came_via="self",
            first_needs="x",
            decision="short_counselling",
        ).pk
        > IntakeRecord.objects.order_by("-id").values_list("id", flat=True)[1]
    )
