"""Twenty writers working on the same integration plan at once (issue 3).

Every change of a plan names the plan version it is based on. A writer either
wins or gets the clean 409 "changed this plan in the meantime"; after retries
the plan holds exactly the sum of the winners' changes, and no lock wait or
deadlock surfaces as a server error.
"""

import datetime

import pytest

from lotse.plans.actions import plan_for
from lotse.plans.models import Goal, IntegrationPlan, Step
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
IN_A_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


@pytest.fixture
def shared_goal(caritas, alice):
    skip_unless_postgres()
    case = f.case(caritas, managers=(alice,), actor=alice)
    return f.goal(case, "language", actor=alice)


def _plan_version(writer, case_pk):
    return writer.get(f"plans/{case_pk}/").json()["version"]


def _until_saved(number, send):
    for refused in range(MAX_ATTEMPTS):
        if answered_cleanly(send()):
            return refused
    raise AssertionError(f"writer {number} never got its change in")


def test_one_of_twenty_edits_of_the_same_goal_on_the_same_version_wins(shared_goal, alice):
    writers = [ApiWriter(alice) for _ in range(WRITERS)]
    base = plan_for(shared_goal.case).version

    def edit(number, writer):
        response = writer.send(
            "patch",
            f"goals/{shared_goal.pk}/",
            {"title": f"Deutsch B1, Fassung {number}", "expected_version": base},
        )
        return number if answered_cleanly(response) else None

    won = [n for n in run_at_once(writers, edit) if n is not None]
    assert len(won) == 1
    assert Goal.objects.get(pk=shared_goal.pk).title == f"Deutsch B1, Fassung {won[0]}"
    assert IntegrationPlan.objects.get(case=shared_goal.case).version == base + 1


def test_twenty_writers_adding_goals_and_steps_leave_the_sum_of_their_changes(shared_goal, alice):
    case = shared_goal.case
    writers = [ApiWriter(alice) for _ in range(WRITERS)]
    base = plan_for(case).version

    def add_goal_then_step(number, writer):
        def goal():
            return writer.send(
                "post",
                "goals/",
                {
                    "case": case.pk,
                    "life_area": "education" if number % 2 else "housing",
                    "title": f"Ziel {number}",
                    "success_measure": "erreicht",
                    "target_date": IN_A_MONTH,
                    "expected_version": _plan_version(writer, case.pk),
                },
            )

        def step():
            return writer.send(
                "post",
                "steps/",
                {
                    "goal": shared_goal.pk,
                    "description": f"Schritt {number}",
                    "responsible_kind": "person",
                    "due_date": IN_A_MONTH,
                    "expected_version": _plan_version(writer, case.pk),
                },
            )

        return _until_saved(number, goal) + _until_saved(number, step)

    refusals = run_at_once(writers, add_goal_then_step)
    titles = set(Goal.objects.filter(case=case).values_list("title", flat=True))
    assert titles == {shared_goal.title} | {f"Ziel {n}" for n in range(WRITERS)}
    steps = list(Step.objects.filter(goal=shared_goal).values_list("description", flat=True))
    assert sorted(steps) == sorted(f"Schritt {n}" for n in range(WRITERS))
    # Each save moved the plan on by exactly one version: none was applied twice or lost.
    assert IntegrationPlan.objects.get(case=case).version == base + 2 * WRITERS
    assert sum(refusals) > 0, "the writers never collided: the test proves nothing"
