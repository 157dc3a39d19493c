"""Twenty writers changing the phase of the same case at once (issue 3).

Every save names the version it is based on (optimistic locking). Each writer
either wins or gets the clean 409 "changed in the meantime"; nothing is lost
and no lock wait turns into a server error.
"""

import pytest

from lotse.cases.choices import Phase
from lotse.cases.models import Case, CasePhaseChange
from lotse.testing import factories as f
from lotse.testing.concurrency import (
    MAX_ATTEMPTS,
    WRITERS,
    ApiWriter,
    answered_cleanly,
    run_at_once,
    skip_unless_postgres,
)

pytestmark = pytest.mark.django_db(transaction=True)
# Phases a writer may move an open case to (closing has its own action).
OPEN_PHASES = [p for p in Phase.values if p != Phase.CLOSED]


@pytest.fixture
def shared_case(caritas, alice):
    skip_unless_postgres()
    return f.case(caritas, managers=(alice,), actor=alice)


def test_one_of_twenty_saves_on_the_same_version_wins(shared_case, alice):
    writers = [ApiWriter(alice) for _ in range(WRITERS)]
    base = Case.objects.get(pk=shared_case.pk).version
    targets = [p for p in OPEN_PHASES if p != shared_case.phase]

    def change(number, writer):
        response = writer.send(
            "post",
            f"cases/{shared_case.pk}/phase/",
            {"phase": targets[number % len(targets)], "expected_version": base, "note": ""},
        )
        return targets[number % len(targets)] if answered_cleanly(response) else None

    won = [phase for phase in run_at_once(writers, change) if phase is not None]
    assert len(won) == 1
    case = Case.objects.get(pk=shared_case.pk)
    assert case.version == base + 1 and case.phase == won[0]
    assert CasePhaseChange.objects.filter(case=case).exclude(from_phase="").count() == 1


def test_twenty_writers_retrying_after_a_refusal_all_get_their_change_in(shared_case, alice):
    writers = [ApiWriter(alice) for _ in range(WRITERS)]
    base = Case.objects.get(pk=shared_case.pk).version
    before = CasePhaseChange.objects.filter(case=shared_case).count()

    def change_until_saved(number, writer):
        for refused in range(MAX_ATTEMPTS):
            current = writer.get(f"cases/{shared_case.pk}/").json()
            # Always a phase other than the current one: "already in this phase" is a 400.
            target = next(p for p in OPEN_PHASES[number % 2 :] if p != current["phase"])
            response = writer.send(
                "post",
                f"cases/{shared_case.pk}/phase/",
                {"phase": target, "expected_version": current["version"], "note": f"w{number}"},
            )
            if answered_cleanly(response):
                return refused
        raise AssertionError(f"writer {number} never got its change in")

    refusals = run_at_once(writers, change_until_saved)
    case = Case.objects.get(pk=shared_case.pk)
    # The sum of the winners: every writer's change counted once, none overwritten.
    assert case.version == base + WRITERS
    notes = list(
        CasePhaseChange.objects.filter(case=case).order_by("id").values_list("note", flat=True)
    )[before:]
    assert sorted(notes) == sorted(f"w{n}" for n in range(WRITERS))
    assert sum(refusals) > 0, "the writers never collided: the test proves nothing"
