import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.cases.models import LifeArea
from lotse.core.errors import StaleObject
from lotse.plans.actions import (
    do_add_goal,
    do_add_step,
    do_record_agreement,
    do_review_goal,
    do_update_goal,
    do_update_step,
    plan_for,
)
from lotse.plans.models import Goal, GoalReview, Step
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_it_adds_a_goal_audited_in_its_life_areas_category(alice_case, alice):
    goal = f.goal(alice_case, "health", actor=alice)
    entry = AuditEntry.objects.filter(object_type="plans.goal", object_id=str(goal.pk)).get()
    assert entry.categories == frozenset({"health"})
    assert entry.case_id == alice_case.pk
    assert entry.person_id == alice_case.person_id
    assert plan_for(alice_case).version == 2


def test_it_refuses_a_target_date_before_the_case_opened(alice_case, alice):
    with pytest.raises(ValidationError) as error:
        f.goal(
            alice_case, actor=alice, target_date=alice_case.opened_on - datetime.timedelta(days=1)
        )
    assert "target_date" in error.value.message_dict
    assert not Goal.objects.exists()


def test_it_refuses_a_step_without_a_responsible_party(language_goal, alice):
    with pytest.raises(ValidationError) as error:
        f.step(language_goal, actor=alice, responsible_kind="")
    assert error.value.message_dict["responsible_kind"] == [
        "Name who is responsible for this step."
    ]
    assert not Step.objects.exists()


def test_it_refuses_an_organisation_step_without_the_organisation(language_goal, alice):
    with pytest.raises(ValidationError) as error:
        f.step(language_goal, actor=alice, responsible_kind="organisation")
    assert "responsible_organisation" in error.value.message_dict


def test_it_refuses_a_service_step_without_its_name(language_goal, alice):
    with pytest.raises(ValidationError) as error:
        f.step(language_goal, actor=alice, responsible_kind="service", responsible_name="  ")
    assert "responsible_name" in error.value.message_dict


def test_it_refuses_a_step_due_before_the_case_opened(language_goal, alice, alice_case):
    with pytest.raises(ValidationError) as error:
        f.step(
            language_goal, actor=alice, due_date=alice_case.opened_on - datetime.timedelta(days=1)
        )
    assert "due_date" in error.value.message_dict
    assert not Step.objects.exists()


def test_it_records_a_step_as_done_today(language_goal, alice):
    step = f.step(language_goal, actor=alice)
    step = do_update_step(alice, step, status="done")
    assert step.done_on == timezone.localdate()
    step = do_update_step(alice, step, status="open")
    assert step.done_on is None


def test_it_refuses_an_agreement_in_the_future(language_goal, alice, alice_case):
    with pytest.raises(ValidationError) as error:
        do_record_agreement(
            alice,
            alice_case,
            agreed_on=TODAY() + datetime.timedelta(days=1),
            agreement_form="signed",
        )
    assert error.value.message_dict["agreed_on"] == ["The agreement cannot lie in the future."]
    assert plan_for(alice_case).agreed_on is None


def test_it_refuses_an_agreement_without_its_form(language_goal, alice, alice_case):
    with pytest.raises(ValidationError):
        do_record_agreement(alice, alice_case, agreed_on=TODAY(), agreement_form="")


def test_it_refuses_an_agreement_without_goals(alice_case, alice):
    with pytest.raises(ValidationError):
        do_record_agreement(alice, alice_case, agreed_on=TODAY(), agreement_form="oral")


def test_it_records_the_agreement(language_goal, alice, alice_case):
    plan = do_record_agreement(alice, alice_case, agreed_on=TODAY(), agreement_form="oral")
    assert (plan.agreed_on, plan.agreement_form) == (TODAY(), "oral")


def test_it_refuses_a_stale_save_naming_what_changed(language_goal, alice, erik, alice_case):
    seen = plan_for(alice_case).version
    do_update_goal(
        erik,
        language_goal,
        expected_version=seen,
        target_date=TODAY() + datetime.timedelta(days=90),
    )
    with pytest.raises(StaleObject) as error:
        do_update_goal(alice, language_goal, expected_version=seen, title="Deutsch A2")
    text = " ".join(error.value.messages)
    assert "Someone else changed this plan" in text
    assert "target date" in text
    assert erik.display() in text
    assert Goal.objects.get().title == "Deutsch auf Niveau B1"


def test_it_refuses_a_stale_new_step(language_goal, alice, erik, alice_case):
    seen = plan_for(alice_case).version
    f.step(language_goal, actor=erik)
    with pytest.raises(StaleObject) as error:
        do_add_step(
            alice,
            language_goal,
            description="x",
            responsible_kind="person",
            due_date=TODAY(),
            expected_version=seen,
        )
    assert "Anmeldung zum Integrationskurs" in " ".join(error.value.messages)
    assert Step.objects.count() == 1


def test_it_keeps_a_partly_attained_goal_open_at_review(language_goal, alice):
    do_review_goal(alice, language_goal, attainment="partly", reason="A2 erreicht")
    language_goal.refresh_from_db()
    assert language_goal.is_open
    assert language_goal.attainment == "partly"
    do_review_goal(alice, language_goal, attainment="achieved", reason="B1 bestanden")
    language_goal.refresh_from_db()
    assert not language_goal.is_open
    assert list(GoalReview.objects.values_list("attainment", flat=True)) == ["partly", "achieved"]


def test_it_refuses_a_review_without_reason(language_goal, alice):
    with pytest.raises(ValidationError) as error:
        do_review_goal(alice, language_goal, attainment="dropped", reason=" ")
    assert "reason" in error.value.message_dict
    assert not GoalReview.objects.exists()


def test_it_refuses_changes_to_a_settled_goal(language_goal, alice):
    do_review_goal(alice, language_goal, attainment="dropped", reason="Umzug")
    with pytest.raises(ValidationError):
        do_update_goal(alice, language_goal, title="neu")


def test_it_refuses_a_retired_life_area(alice_case, alice):
    area = LifeArea.objects.get(code="housing")
    area.active = False
    area.save()
    with pytest.raises(ValidationError):
        do_add_goal(
            alice, alice_case, life_area=area, title="x", success_measure="y", target_date=TODAY()
        )
