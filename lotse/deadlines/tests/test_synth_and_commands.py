import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from lotse.cases.models import CaseManagerAssignment
from lotse.deadlines.models import Task
from lotse.synth.deadlines import write_tasks
from lotse.synth.tests.helpers import TODAY, small_run

pytestmark = pytest.mark.django_db


def test_synthetic_follow_ups_belong_to_open_cases_and_their_managers():
    small_run(persons=80)
    written = write_tasks(seed=3, today=TODAY, progress=lambda _m: None)
    assert written == Task.objects.count() > 0
    managers = set(CaseManagerAssignment.objects.values_list("case_id", "user_id"))
    for case_id, assignee_id, phase in Task.objects.values_list(
        "case_id", "assignee_id", "case__phase"
    ):
        assert (case_id, assignee_id) in managers and phase != "closed"
    assert Task.objects.filter(reminder_due_at__isnull=False, status="open").exists()
    assert Task.objects.filter(status="done", reminder_due_at__isnull=True).exists()
    # A second run adds follow-ups only to cases that had none.
    before = dict(
        Task.objects.values_list("case_id").annotate(n=Count("id")).values_list("case_id", "n")
    )
    write_tasks(seed=4, today=TODAY, progress=lambda _m: None)
    after = dict(
        Task.objects.values_list("case_id").annotate(n=Count("id")).values_list("case_id", "n")
    )
    assert all(after[case_id] == n for case_id, n in before.items())


def test_the_send_reminders_command_sends_what_is_due(alice, alice_case, days, capsys):
    from lotse.testing import factories as f

    f.task(alice_case, alice, due_on=days(-1))
    call_command("send_reminders")
    assert "1 reminders, 1 e-mails" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_bench_command_claims_each_reminder_once(alice, alice_case, days, capsys):
    from lotse.testing import factories as f

    for n in range(3):
        f.task(alice_case, alice, due_on=days(n))
    call_command("bench_deadlines", reminders=5, workers=1, skip_pages=True)
    out = capsys.readouterr().out
    assert "5 owed" in out and "claimed twice: 0" in out and "left unsent: 0" in out
    assert Task.objects.count() >= 5
    assert (
        not Task.objects.filter(reminded_at__isnull=True, reminder_claim="")
        .filter(updated_at__lt=timezone.now() - datetime.timedelta(days=1))
        .exists()
    )
