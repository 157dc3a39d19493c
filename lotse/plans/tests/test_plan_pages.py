import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.cases.tests.test_case_detail import DETAIL_QUERIES
from lotse.plans.actions import do_update_goal, plan_for
from lotse.plans.models import Goal, Step
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_it_adds_a_goal_from_the_case_page(alice_case, alice, login):
    client = login(alice)
    page = client.get(reverse("cases:detail", args=[alice_case.pk]))
    assert reverse("plans:goal_add", args=[alice_case.pk]) in page.content.decode()
    response = client.post(
        reverse("plans:goal_add", args=[alice_case.pk]),
        {
            "version": plan_for(alice_case).version,
            "life_area": _area("language"),
            "title": "Deutsch B1",
            "success_measure": "Zertifikat",
            "target_date": (TODAY() + datetime.timedelta(days=100)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Goal.objects.get().title == "Deutsch B1"


def _area(code):
    from lotse.cases.models import LifeArea

    return LifeArea.objects.get(code=code).pk


def test_it_explains_a_missing_responsible_party_and_saves_nothing(language_goal, alice, login):
    client = login(alice)
    response = client.post(
        reverse("plans:step_add", args=[language_goal.pk]),
        {
            "version": plan_for(language_goal.case).version,
            "description": "Kurs suchen",
            "responsible_kind": "",
            "due_date": TODAY().isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "Name who is responsible for this step." in response.content.decode()
    assert not Step.objects.exists()


def test_it_explains_a_missing_organisation(language_goal, alice, login):
    client = login(alice)
    response = client.post(
        reverse("plans:step_add", args=[language_goal.pk]),
        {
            "version": plan_for(language_goal.case).version,
            "description": "Beratung",
            "responsible_kind": "organisation",
            "due_date": TODAY().isoformat(),
            "status": "open",
        },
    )
    assert "Choose the responsible organisation." in response.content.decode()
    assert not Step.objects.exists()


def test_it_refuses_an_agreement_in_the_future_on_the_page(language_goal, alice, login):
    client = login(alice)
    case = language_goal.case
    response = client.post(
        reverse("plans:agreement", args=[case.pk]),
        {
            "version": plan_for(case).version,
            "agreed_on": (TODAY() + datetime.timedelta(days=2)).isoformat(),
            "agreement_form": "signed",
        },
    )
    assert "The agreement cannot lie in the future." in response.content.decode()
    assert plan_for(case).agreed_on is None


def test_it_shows_what_changed_when_a_second_save_is_stale(language_goal, alice, erik, login):
    case = language_goal.case
    seen = plan_for(case).version
    client = login(alice)
    form = client.get(reverse("plans:goal_edit", args=[language_goal.pk]))
    assert f'value="{seen}"' in form.content.decode()
    do_update_goal(erik, language_goal, expected_version=seen, success_measure="B1-Zeugnis")
    response = client.post(
        reverse("plans:goal_edit", args=[language_goal.pk]),
        {
            "version": seen,
            "life_area": language_goal.life_area_id,
            "title": "Deutsch B2",
            "success_measure": "Zertifikat B2",
            "target_date": language_goal.target_date.isoformat(),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this plan" in body
    assert "What changed in the meantime" in body
    assert "B1-Zeugnis" in body
    assert erik.display() in body
    # The user's input is kept, now based on the current version: saving again applies it.
    assert "Deutsch B2" in body
    assert f'value="{seen + 1}"' in body
    goal = Goal.objects.get()
    assert (goal.title, goal.success_measure) == ("Deutsch auf Niveau B1", "B1-Zeugnis")


def test_it_shows_the_plan_panel_with_a_constant_number_of_queries(
    alice_case, alice, login, django_assert_max_num_queries
):
    client = login(alice)
    counts = []
    for index in range(3):
        goal = f.goal(alice_case, "work", actor=alice, title=f"Ziel {index}")
        f.step(goal, actor=alice)
        f.step(goal, actor=alice, responsible_kind="service", responsible_name="MBE")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("cases:detail", args=[alice_case.pk]))
        assert f"Ziel {index}" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[-1]
    # The case page's budget, plus the plan panel's goals, steps and reviews
    # and the follow-up form's goals and steps once a plan exists.
    with django_assert_max_num_queries(DETAIL_QUERIES + 4):
        client.get(reverse("cases:detail", args=[alice_case.pk]))


def test_it_marks_overdue_steps_on_the_case_page(language_goal, alice, login):
    step = f.step(language_goal, actor=alice)
    Step.objects.filter(pk=step.pk).update(due_date=TODAY() - datetime.timedelta(days=3))
    body = login(alice).get(reverse("cases:detail", args=[language_goal.case_id])).content.decode()
    assert "overdue" in body


def test_it_hides_goals_of_unreleased_areas_from_a_participant(
    alice_case, alice, bob, jobcentre, language_goal, health_goal, login
):
    f.participant(alice_case, jobcentre, actor=alice)
    f.consent(alice_case, [jobcentre], ("identity", "education_work"), actor=alice)
    body = login(bob).get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert language_goal.title in body
    assert health_goal.title not in body
    assert reverse("plans:goal_edit", args=[language_goal.pk]) not in body
    entry = AuditEntry.objects.filter(actor=bob, object_type="cases.case").latest("id")
    assert "education_work" in entry.categories
    assert "health" not in entry.categories


def test_it_answers_404_to_a_participant_editing_a_goal(
    alice_case, alice, bob, jobcentre, language_goal, login
):
    f.participant(alice_case, jobcentre, actor=alice)
    f.consent(alice_case, [jobcentre], ("identity", "education_work"), actor=alice)
    client = login(bob)
    assert client.get(reverse("plans:goal_edit", args=[language_goal.pk])).status_code == 404
    response = client.post(
        reverse("plans:goal_review", args=[language_goal.pk]),
        {"version": 2, "attainment": "dropped", "reason": "x", "reviewed_on": TODAY().isoformat()},
    )
    assert response.status_code == 404
    assert Goal.objects.get().is_open
