"""Plans through the API: answers checked against the committed schema."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.audit.models import AuditEntry
from lotse.core.tests.api.conftest import Api
from lotse.plans.actions import plan_for
from lotse.plans.models import Goal, Step
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_it_writes_a_plan_through_the_api(alice_case, alice):
    api = Api(alice)
    answer = api.post(
        "goals/",
        {
            "case": alice_case.pk,
            "life_area": "work",
            "title": "Ausbildung zur Pflegefachkraft",
            "success_measure": "Ausbildungsvertrag unterschrieben",
            "target_date": (TODAY() + datetime.timedelta(days=200)).isoformat(),
            "expected_version": 1,
        },
    )
    assert answer.status_code == 201, answer.content
    goal_id = answer.json()["id"]
    step = api.post(
        "steps/",
        {
            "goal": goal_id,
            "description": "Bewerbung schreiben",
            "responsible_kind": "person",
            "due_date": TODAY().isoformat(),
            "expected_version": 2,
        },
    )
    assert step.status_code == 201, step.content
    done = api.patch(f"steps/{step.json()['id']}/", {"status": "done", "expected_version": 3})
    assert done.json()["done_on"] == TODAY().isoformat()
    agreed = api.post(
        f"plans/{alice_case.pk}/agreement/",
        {"agreed_on": TODAY().isoformat(), "agreement_form": "signed", "expected_version": 4},
    )
    assert agreed.status_code == 200, agreed.content
    plan = api.get(f"plans/{alice_case.pk}/").json()
    assert plan["version"] == 5
    assert plan["agreement_form"] == "signed"
    assert [g["title"] for g in plan["goals"]] == ["Ausbildung zur Pflegefachkraft"]
    review = api.post(
        f"goals/{goal_id}/review/",
        {"attainment": "achieved", "reason": "Vertrag liegt vor", "expected_version": 5},
    )
    assert review.json()["settled_on"] == TODAY().isoformat()


def test_it_answers_400_without_a_responsible_party(language_goal, alice):
    answer = Api(alice).post(
        "steps/",
        {
            "goal": language_goal.pk,
            "description": "x",
            "due_date": TODAY().isoformat(),
            "expected_version": plan_for(language_goal.case).version,
        },
    )
    assert answer.status_code == 400
    assert answer.json()["responsible_kind"] == ["Name who is responsible for this step."]
    assert not Step.objects.exists()


def test_it_answers_409_naming_what_changed(language_goal, alice, erik):
    seen = plan_for(language_goal.case).version
    assert (
        Api(erik)
        .patch(f"goals/{language_goal.pk}/", {"title": "Deutsch C1", "expected_version": seen})
        .status_code
        == 200
    )
    stale = Api(alice).patch(
        f"goals/{language_goal.pk}/", {"title": "Deutsch A2", "expected_version": seen}
    )
    assert stale.status_code == 409
    assert "Deutsch C1" in stale.json()["detail"]
    assert Goal.objects.get().title == "Deutsch C1"


def test_it_answers_a_participant_only_released_goals_and_no_writes(
    alice_case, alice, bob, jobcentre, language_goal, health_goal
):
    f.participant(alice_case, jobcentre, actor=alice)
    f.consent(alice_case, [jobcentre], ("identity", "education_work"), actor=alice)
    api = Api(bob)
    titles = [g["title"] for g in api.get("goals/").json()["results"]]
    assert titles == [language_goal.title]
    assert api.get(f"goals/{health_goal.pk}/").status_code == 404
    plan = api.get(f"plans/{alice_case.pk}/").json()
    assert [g["title"] for g in plan["goals"]] == [language_goal.title]
    # Case notes not released: the agreement is left out.
    assert plan["agreed_on"] is None
    refused = api.patch(f"goals/{language_goal.pk}/", {"title": "x", "expected_version": 2})
    assert refused.status_code == 403
    entry = AuditEntry.objects.filter(actor=bob, object_type="plans.goal").latest("id")
    assert set(entry.categories) == {"education_work"}


def test_it_lists_my_overdue_steps(alice_case, alice, language_goal):
    late = f.step(language_goal, actor=alice, description="Späte Anmeldung")
    Step.objects.filter(pk=late.pk).update(due_date=TODAY() - datetime.timedelta(days=2))
    f.step(language_goal, actor=alice, description="Rechtzeitig")
    answer = Api(alice).get("steps/", {"overdue": "true", "mine": "true"}).json()
    assert [s["description"] for s in answer["results"]] == ["Späte Anmeldung"]
    assert answer["results"][0]["overdue"] is True


def test_it_closes_a_case_with_goal_attainments(alice_case, alice, language_goal):
    api = Api(alice)
    missing = api.post(
        f"cases/{alice_case.pk}/close/",
        {"closing_reason": "moved_away", "expected_version": alice_case.version},
    )
    assert missing.status_code == 400
    assert "goal_attainments" in missing.json()
    closed = api.post(
        f"cases/{alice_case.pk}/close/",
        {
            "closing_reason": "moved_away",
            "expected_version": alice_case.version,
            "goal_attainments": [
                {"goal": language_goal.pk, "attainment": "dropped", "reason": "Umzug nach Köln"}
            ],
        },
    )
    assert closed.status_code == 200, closed.content
    assert Goal.objects.get().attainment == "dropped"


def test_it_keeps_the_goal_list_queries_constant(alice_case, alice, django_assert_max_num_queries):
    api = Api(alice)
    f.step(f.goal(alice_case, "work", actor=alice), actor=alice)
    with CaptureQueriesContext(connection) as one:
        api.get("goals/")
    for index in range(5):
        goal = f.goal(alice_case, "language", actor=alice, title=f"Ziel {index}")
        f.step(goal, actor=alice)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert api.get("goals/").json()["count"] == 6


def test_it_answers_404_to_a_path_that_is_no_case_id(alice):
    assert Api(alice).get("plans/abc/").status_code == 404
    assert Api(alice).get("plans/99999999999999999999999/").status_code == 404


@pytest.mark.parametrize("field", ["life_area", "title"])
def test_it_refuses_a_nul_character_with_400_on_every_backend(field, alice_case, alice):
    # A slug is looked up before any validator runs: PostgreSQL failed with a 500 there.
    body = {
        "case": alice_case.pk,
        "life_area": "work",
        "title": "Sprachkurs",
        "success_measure": "B1",
        "target_date": (TODAY() + datetime.timedelta(days=30)).isoformat(),
        "expected_version": 1,
    }
    body[field] = body[field] + "\x00"
    answer = Api(alice).post("goals/", body)
    assert answer.status_code == 400, answer.content
    assert "NUL" in answer.json()["detail"]
    assert not Goal.objects.exists()
