"""A goal is data of its life area's category: participants see only released areas."""

import pytest

from lotse.plans.actions import do_review_goal
from lotse.plans.models import Goal, GoalReview, IntegrationPlan, Step
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_case(alice_case, alice, jobcentre, language_goal, health_goal):
    f.step(language_goal, actor=alice)
    f.step(health_goal, actor=alice, description="Termin beim Psychosozialen Zentrum")
    do_review_goal(alice, health_goal, attainment="partly", reason="Wartet auf Platz")
    f.participant(alice_case, jobcentre, actor=alice)
    return alice_case


def test_it_shows_the_owner_every_goal(shared_case, alice):
    assert Goal.objects.visible_to(alice).count() == 2
    assert Step.objects.visible_to(alice).count() == 2
    assert GoalReview.objects.visible_to(alice).count() == 1


def test_it_shows_a_participant_only_goals_of_released_categories(
    shared_case, alice, bob, jobcentre
):
    f.consent(shared_case, [jobcentre], ("identity", "education_work"), actor=alice)
    titles = set(Goal.objects.visible_to(bob).values_list("title", flat=True))
    assert titles == {"Deutsch auf Niveau B1"}
    assert list(Step.objects.visible_to(bob).values_list("description", flat=True)) == [
        "Anmeldung zum Integrationskurs"
    ]
    assert not GoalReview.objects.visible_to(bob).exists()
    assert IntegrationPlan.objects.visible_to(bob).count() == 1


def test_it_shows_health_goals_only_with_health_released(shared_case, alice, bob, jobcentre):
    f.consent(shared_case, [jobcentre], ("identity", "health"), actor=alice)
    assert set(Goal.objects.visible_to(bob).values_list("life_area__code", flat=True)) == {"health"}


def test_it_shows_nothing_without_consent(shared_case, bob, carol):
    for user in (bob, carol):
        assert not Goal.objects.visible_to(user).exists()
        assert not Step.objects.visible_to(user).exists()
        assert not IntegrationPlan.objects.visible_to(user).exists()


def test_it_lets_only_the_owner_change(shared_case, alice, bob, jobcentre):
    f.consent(shared_case, [jobcentre], ("identity", "education_work", "health"), actor=alice)
    assert Goal.objects.visible_to(bob).count() == 2
    assert not Goal.objects.visible_to(bob, "change").exists()
    assert Goal.objects.visible_to(alice, "change").count() == 2
