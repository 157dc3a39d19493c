import pytest
from django.core.exceptions import ValidationError

from lotse.audit.models import AuditEntry
from lotse.core.errors import StaleObject
from lotse.deadlines.actions import do_complete_task, do_create_task, do_update_task
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task
from lotse.testing import factories as f


def test_it_creates_a_task_with_a_reminder_owed_and_an_audit_entry(alice, alice_case, days):
    task = do_create_task(alice, alice_case, title=" Termin ABH ", due_on=days(3), assignee=alice)
    assert task.title == "Termin ABH"
    assert task.remind_on == days(3)
    assert task.reminder_due_at is not None
    assert task.reminder_due_at.date() == days(3)
    entry = AuditEntry.objects.get(object_type="deadlines.task", object_id=str(task.pk))
    assert entry.action == "create" and entry.case_id == alice_case.pk
    assert entry.person_id == alice_case.person_id


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"due_on": -1}, "due_on", "cannot be due in the past"),
        ({"remind_on": 5, "due_on": 2}, "remind_on", "on or before the due date"),
        ({"assignee": None}, "assignee", "to a person or a team"),
        ({"title": "   "}, "title", "Say what is to be done"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(alice, alice_case, days, fields, field, message):
    kwargs = {"title": "Anrufen", "due_on": days(1), "assignee": alice}
    for name, value in fields.items():
        kwargs[name] = days(value) if name in ("due_on", "remind_on") else value
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        do_create_task(alice, alice_case, **kwargs)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Task.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_it_refuses_an_assignee_outside_the_owning_organisation(alice, carol, alice_case, days):
    with pytest.raises(ValidationError) as caught:
        do_create_task(alice, alice_case, title="x", due_on=days(1), assignee=carol)
    assert "owning organisation" in caught.value.message_dict["assignee"][0]


def test_it_refuses_a_team_of_another_organisation(alice, drk, alice_case, days):
    from lotse.network.models import Team

    other = Team.objects.create(organisation=drk, name="Süd")
    with pytest.raises(ValidationError) as caught:
        do_create_task(alice, alice_case, title="x", due_on=days(1), team=other)
    assert "owning organisation" in caught.value.message_dict["team"][0]


def test_it_refuses_a_stale_save_naming_what_changed(alice, erik, alice_case, days):
    task = f.task(alice_case, alice, due_on=days(2))
    do_update_task(erik, task, expected_version=1, due_on=days(4))
    with pytest.raises(StaleObject) as caught:
        do_update_task(alice, task, expected_version=1, due_on=days(5), title="Neu")
    text = " ".join(caught.value.messages)
    assert "in the meantime" in text
    assert "due on" in text.lower()
    task.refresh_from_db()
    assert task.due_on == days(4) and task.title != "Neu"


def test_it_reschedules_the_reminder_when_the_reminder_day_moves(alice, alice_case, days):
    task = f.task(alice_case, alice, due_on=days(5))
    Task.objects.filter(pk=task.pk).update(reminder_due_at=None, reminded_at=task.created_at)
    task.refresh_from_db()
    task = do_update_task(alice, task, expected_version=1, remind_on=days(3))
    assert task.reminder_due_at.date() == days(3)
    assert task.reminded_at is None


def test_it_completes_a_task_and_drops_its_owed_reminder(alice, alice_case, days):
    task = f.task(alice_case, alice, due_on=days(1))
    task = do_complete_task(alice, task, expected_version=1)
    assert task.status == TaskStatus.DONE and task.completed_by == alice
    assert task.reminder_due_at is None
    with pytest.raises(ValidationError):
        do_complete_task(alice, task)


def test_it_refuses_tasks_on_a_closed_case(alice, alice_case, days):
    from lotse.cases.actions import do_close_case

    do_close_case(alice, alice_case, reason="moved_away")
    alice_case.refresh_from_db()
    with pytest.raises(ValidationError):
        do_create_task(alice, alice_case, title="x", due_on=days(1), assignee=alice)


def test_it_links_a_step_and_its_goal_of_the_same_case_only(alice, caritas, alice_case, days):
    goal = f.goal(alice_case, actor=alice)
    step = f.step(goal, actor=alice)
    task = do_create_task(
        alice, alice_case, title="Kurs", due_on=days(1), assignee=alice, step=step
    )
    assert task.goal == goal and task.step == step
    other_case = f.case(caritas, managers=(alice,), actor=alice)
    other_goal = f.goal(other_case, actor=alice)
    with pytest.raises(ValidationError) as caught:
        do_create_task(
            alice, alice_case, title="x", due_on=days(1), assignee=alice, goal=other_goal
        )
    assert "goal of this case" in caught.value.message_dict["goal"][0]


def test_the_case_panel_offers_the_plans_goals_and_steps(alice, alice_case, login, days):
    from django.urls import reverse

    goal = f.goal(alice_case, actor=alice, title="Deutsch B1")
    step = f.step(goal, actor=alice, description="Kurs anmelden")
    client = login(alice)
    body = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert f'value="step:{step.pk}"' in body and "Deutsch B1" in body
    client.post(
        reverse("deadlines:create", args=[alice_case.pk]),
        {
            "title": "Nachfragen",
            "due_on": days(2).isoformat(),
            "assign_to": f"user:{alice.pk}",
            "link": f"step:{step.pk}",
        },
    )
    assert Task.objects.get().step == step
