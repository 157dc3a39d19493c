"""Residence deadlines become lotse.deadlines tasks for the case manager: once per
deadline, moved when the period changes, cancelled when the history no longer
gives the deadline (§ 60a Abs. 4, § 81 Abs. 4, § 104c Abs. 3 S. 3 AufenthG)."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from lotse.audit.models import AuditEntry
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task
from lotse.residence.actions import do_change_row, do_remove_row
from lotse.residence.deadline_tasks import sync_all, sync_person
from lotse.residence.models import DeadlineTask
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


def today():
    return datetime.date.today()


def days(n):
    return today() + datetime.timedelta(days=n)


def test_an_expiring_duldung_becomes_one_task_for_the_case_manager(person, alice):
    f.status_period(person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(20))
    (task,) = Task.objects.all()
    assert task.assignee == alice and task.due_on == days(20) and task.is_open
    assert task.case.person_id == person.pk
    assert "Duldung" in task.title and "§ 60a Abs. 4 AufenthG" in task.note
    # The sync runs as the system: the trail does not pretend alice created it.
    entry = AuditEntry.objects.filter(object_type="deadlines.task").get()
    assert entry.actor_id is None and entry.actor_name == "system"
    sync_person(person.pk)
    sync_all()
    assert Task.objects.count() == 1 and DeadlineTask.objects.count() == 1


def test_a_deadline_beyond_the_lead_time_waits(person, alice):
    f.status_period(person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(100))
    assert not Task.objects.exists()
    with override_settings(RESIDENCE_DEADLINE_LEAD_DAYS=120):
        result = sync_all()
    assert result.created == 1 and Task.objects.get().due_on == days(100)


def test_a_changed_period_moves_the_open_task(person, alice):
    period = f.status_period(
        person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(20)
    )
    task = Task.objects.get()
    do_change_row(alice, period, valid_until=days(30))
    task.refresh_from_db()
    assert task.due_on == days(30) and task.is_open and task.version == 2
    assert Task.objects.count() == 1


def test_a_recorded_renewal_cancels_the_task(person, alice):
    f.status_period(person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(20))
    f.status_period(person, alice, valid_from=days(21), valid_until=None)
    task = Task.objects.get()
    assert task.status == TaskStatus.CANCELLED
    assert not DeadlineTask.objects.exists()


def test_removing_the_period_cancels_the_task(person, alice):
    period = f.status_period(
        person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(20)
    )
    do_remove_row(alice, period)
    assert Task.objects.get().status == TaskStatus.CANCELLED


def test_a_completed_task_stays_done_and_a_new_deadline_gets_a_new_task(person, alice):
    from lotse.deadlines.actions import do_complete_task

    period = f.status_period(
        person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(20)
    )
    first = Task.objects.get()
    do_complete_task(alice, first)
    sync_all()
    assert Task.objects.count() == 1  # done is done: no second task for the same deadline
    do_change_row(alice, period, valid_until=days(40))
    first.refresh_from_db()
    second = Task.objects.exclude(pk=first.pk).get()
    assert first.status == TaskStatus.DONE and second.due_on == days(40) and second.is_open


def test_a_104c_permit_gets_its_end_after_18_months(person, alice):
    from lotse.residence.deadlines import add_months

    start = add_months(days(30), -18) + datetime.timedelta(days=1)
    f.status_period(
        person, alice, kind="aufenthaltserlaubnis", paragraph="104c AufenthG", valid_from=start
    )
    task = Task.objects.get()
    assert task.due_on == days(30) and "104c Abs. 3 S. 3" in task.note


def test_a_passed_deadline_keeps_its_task(person, alice):
    f.status_period(person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(5))
    result = sync_all(today=days(10))
    assert result.cancelled == 0 and Task.objects.get().is_open


def test_a_person_without_an_open_case_manager_gets_no_task(caritas, alice):
    loner = f.person(caritas, alice)
    f.status_period(loner, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(20))
    assert not Task.objects.exists()


def test_the_command_reports_and_refuses_bad_input(person, alice, capsys):
    f.status_period(person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=days(100))
    call_command("residence_deadline_tasks", "--lead-days", "120")
    assert "1 created" in capsys.readouterr().out
    call_command("residence_deadline_tasks", "--lead-days", "120")
    assert "0 created" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today"):
        call_command("residence_deadline_tasks", "--today", "gestern")
