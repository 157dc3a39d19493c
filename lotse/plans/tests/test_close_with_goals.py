import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.cases.models import Case
from lotse.plans.actions import do_close_case_with_goals, do_review_goal
from lotse.plans.models import Goal, GoalReview

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_it_asks_the_attainment_of_each_open_goal(
    alice_case, alice, login, language_goal, health_goal
):
    do_review_goal(alice, health_goal, attainment="achieved", reason="Platz gefunden")
    client = login(alice)
    page = client.get(reverse("cases:close", args=[alice_case.pk])).content.decode()
    assert language_goal.title in page
    assert f'name="goal_{language_goal.pk}_attainment"' in page
    # A settled goal is not asked again.
    assert f'name="goal_{health_goal.pk}_attainment"' not in page


def test_it_refuses_to_close_without_the_goals_attainment(alice_case, alice, login, language_goal):
    client = login(alice)
    response = client.post(
        reverse("cases:close", args=[alice_case.pk]),
        {"version": alice_case.version, "reason": "moved_away", "closed_on": TODAY().isoformat()},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    alice_case.refresh_from_db()
    assert alice_case.is_open
    assert not GoalReview.objects.exists()


def test_it_closes_and_settles_every_open_goal(
    alice_case, alice, login, language_goal, health_goal
):
    client = login(alice)
    response = client.post(
        reverse("cases:close", args=[alice_case.pk]),
        {
            "version": alice_case.version,
            "reason": "partly_achieved",
            "closed_on": TODAY().isoformat(),
            f"goal_{language_goal.pk}_attainment": "partly",
            f"goal_{language_goal.pk}_reason": "A2 erreicht, Kurs abgebrochen",
            f"goal_{health_goal.pk}_attainment": "dropped",
            f"goal_{health_goal.pk}_reason": "Umzug",
        },
    )
    assert response.status_code == 302
    alice_case.refresh_from_db()
    assert not alice_case.is_open
    goals = {g.title: g for g in Goal.objects.all()}
    assert all(not g.is_open for g in goals.values())
    assert goals[language_goal.title].attainment == "partly"
    assert set(GoalReview.objects.values_list("occasion", flat=True)) == {"closure"}


def test_it_refuses_a_missing_reason_in_the_action_and_keeps_the_case_open(
    alice_case, alice, language_goal
):
    with pytest.raises(ValidationError):
        do_close_case_with_goals(
            alice,
            alice_case,
            reason="other",
            attainments={language_goal.pk: ("achieved", "  ")},
        )
    assert Case.objects.get(pk=alice_case.pk).is_open
    assert Goal.objects.get().is_open


def test_it_refuses_a_close_that_leaves_a_goal_out(alice_case, alice, language_goal, health_goal):
    with pytest.raises(ValidationError) as error:
        do_close_case_with_goals(
            alice, alice_case, reason="other", attainments={language_goal.pk: ("achieved", "ok")}
        )
    assert health_goal.title in " ".join(error.value.messages)
    assert Case.objects.get(pk=alice_case.pk).is_open
