import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from lotse.accounts.models import Membership
from lotse.audit.models import AuditEntry
from lotse.deadlines.models import Task
from lotse.deadlines.reminders import claim_batch, run_reminders
from lotse.testing import factories as f


@pytest.fixture
def later():
    # Past every reminder hour of today: today's reminders are owed.
    return timezone.now() + datetime.timedelta(days=1)


def test_it_sends_each_owed_reminder_once(alice, alice_case, days, later):
    f.task(alice_case, alice, due_on=days(0))
    f.task(alice_case, alice, due_on=days(-3))
    f.task(alice_case, alice, due_on=days(10))  # not owed yet
    run = run_reminders(now=later)
    assert run.claimed == 2 and run.emails == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [alice.email]
    # Mails go out in the product's language (German), whoever triggered the run.
    assert "2 Wiedervorlagen" in mail.outbox[0].subject
    again = run_reminders(now=later)
    assert again.claimed == 0 and len(mail.outbox) == 1
    assert Task.objects.filter(reminded_at__isnull=False).count() == 2
    assert AuditEntry.objects.filter(object_type="deadlines.reminderrun").count() == 1


def test_it_names_no_person_and_no_task_in_the_mail(alice, alice_case, days, later):
    f.task(alice_case, alice, due_on=days(0), title="Attest Psychiatrie vorlegen")
    run_reminders(now=later)
    body = mail.outbox[0].body
    assert alice_case.reference in body
    assert "Psychiatrie" not in body
    assert alice_case.person.family_name not in body


def test_it_reminds_every_member_of_an_assigned_team(
    alice_in_nord, erik, team_nord, alice_case, days, later
):
    f.task(alice_case, team=team_nord, due_on=days(0), actor=alice_in_nord)
    run_reminders(now=later)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice_in_nord.email, erik.email])


def test_it_does_not_remind_someone_who_left_the_organisation(alice, alice_case, days, later):
    f.task(alice_case, alice, due_on=days(0))
    Membership.objects.filter(user=alice).delete()
    run = run_reminders(now=later)
    assert run.claimed == 1 and run.skipped == 1 and not mail.outbox


def test_it_sends_nothing_for_completed_tasks(alice, alice_case, days, later):
    from lotse.deadlines.actions import do_complete_task

    do_complete_task(alice, f.task(alice_case, alice, due_on=days(0)))
    assert run_reminders(now=later).claimed == 0


def test_a_claim_taken_by_another_worker_in_between_yields_nothing(alice, alice_case, days, later):
    """The compare-and-set: a worker whose candidates were taken meanwhile claims none."""
    task = f.task(alice_case, alice, due_on=days(0))
    assert claim_batch("worker-b", now=later) == 1
    # Worker A read the row as owed before B's claim; its conditional UPDATE finds nothing.
    owed = Task.objects.filter(reminder_due_at__isnull=False, reminder_due_at__lte=later)
    assert owed.filter(pk=task.pk).update(reminder_claim="worker-a") == 0
    assert Task.objects.get(pk=task.pk).reminder_claim == "worker-b"


def test_it_runs_as_a_background_job(alice, alice_case, days, settings):
    from lotse.deadlines.tasks import send_due_reminders

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    f.task(alice_case, alice, due_on=days(-1))
    result = send_due_reminders.enqueue()
    assert result.return_value["tasks"] == 1
    assert len(mail.outbox) == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent connections (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_workers_send_each_reminder_exactly_once(caritas, alice, days):
    case = f.case(caritas, managers=(alice,), actor=alice)
    tasks = [f.task(case, alice, due_on=days(-1)) for _ in range(60)]
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(assignee=alice)
    later = timezone.now() + datetime.timedelta(days=1)
    barrier = threading.Barrier(2)
    runs = []
    errors = []

    def worker() -> None:
        try:
            barrier.wait()
            runs.append(run_reminders(now=later, batch_size=7))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(run.claimed for run in runs) == 60
    claims = {run.claim for run in runs}
    assert set(Task.objects.values_list("reminder_claim", flat=True)) <= claims
    assert Task.objects.filter(reminded_at__isnull=True).count() == 0
    # Every task reached alice in exactly one e-mail line.
    lines = [line for m in mail.outbox for line in m.body.splitlines() if case.reference in line]
    assert len(lines) == 60


def test_it_lists_claims_whose_worker_died_before_sending(alice, alice_case, days, later):
    from lotse.deadlines.reminders import reminders_stuck

    task = f.task(alice_case, alice, due_on=days(0))
    claim_batch("dead-worker", now=later)
    assert [t.pk for t in reminders_stuck(datetime.timedelta(0))] == [task.pk]
    run_reminders(now=later)
    assert not mail.outbox  # the dead worker's claim is never sent twice
    f.task(alice_case, alice, due_on=days(0))
    run_reminders(now=later)
    assert [t.pk for t in reminders_stuck(datetime.timedelta(0))] == [task.pk]
