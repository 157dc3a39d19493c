"""Dormant cases and closing them in bulk as a background job with visible progress."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.models import Case
from lotse.contacts.choices import JobStatus
from lotse.contacts.dormant import dormant_cases
from lotse.contacts.models import BulkClosure
from lotse.contacts.tasks import run_bulk_closure
from lotse.contacts.tests.helpers import opened_weeks_ago
from lotse.testing import factories as f


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _case(caritas, alice, weeks_open, contact_weeks_ago=None):
    case = opened_weeks_ago(f.case(caritas, managers=(alice,), actor=alice), weeks_open)
    if contact_weeks_ago is not None:
        day = timezone.localdate() - datetime.timedelta(weeks=contact_weeks_ago)
        f.contact(case, alice, occurred_on=day)
    return case


def test_it_lists_open_cases_without_recent_contact(caritas, drk, alice, carol):
    silent = _case(caritas, alice, 20)
    old_contact = _case(caritas, alice, 30, contact_weeks_ago=14)
    recent = _case(caritas, alice, 30, contact_weeks_ago=2)
    young = _case(caritas, alice, 3)
    assert set(dormant_cases(alice, 12)) == {silent, old_contact}
    assert set(dormant_cases(alice, 15)) == {silent}
    assert recent not in dormant_cases(alice, 12) and young not in dormant_cases(alice, 12)
    # Another organisation's case manager sees none of them.
    _case(drk, carol, 40)
    assert set(dormant_cases(carol, 12)) != set() and not (
        set(dormant_cases(carol, 12)) & {silent, old_contact}
    )


def test_it_shows_the_list_with_a_constant_number_of_queries(
    caritas, alice, login, django_assert_max_num_queries
):
    for _ in range(3):
        _case(caritas, alice, 20)
    client = login(alice)
    client.get(reverse("contacts:dormant"))
    for _ in range(12):
        _case(caritas, alice, 20, contact_weeks_ago=13)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("contacts:dormant"), {"weeks": "12"})
    assert len(response.context["cases"]) == 15
    reads = AuditEntry.objects.filter(action=AuditAction.READ, object_type="cases.case")
    assert reads.count() >= 15


def test_it_is_not_a_page_for_staff_without_case_work(dora, login):
    assert login(dora).get(reverse("contacts:dormant")).status_code == 404


def test_it_closes_the_ticked_cases_in_a_job_and_shows_progress(
    caritas, alice, login, immediate_tasks, django_capture_on_commit_callbacks
):
    cases = [_case(caritas, alice, 20) for _ in range(3)]
    client = login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contacts:bulk_close"),
            {"cases": [c.pk for c in cases[:2]], "reason": "no_contact", "weeks": "12"},
        )
    job = BulkClosure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:bulk_closure", args=[job.pk])
    assert (job.status, job.closed, job.skipped, job.total) == (JobStatus.DONE, 2, 0, 2)
    assert job.task_id
    closed = Case.objects.filter(pk__in=[c.pk for c in cases], phase="closed")
    assert set(closed) == set(cases[:2])
    assert {c.closing_reason for c in closed} == {"no_contact"}
    page = client.get(reverse("contacts:bulk_closure", args=[job.pk]))
    assert "2 of 2 cases processed" in page.content.decode()
    assert 'hx-trigger="every 2s"' not in page.content.decode()  # finished: no more polling
    updates = AuditEntry.objects.filter(object_type="cases.case", action=AuditAction.UPDATE)
    assert sum("closing_reason" in u.changes for u in updates) == 2


def test_it_polls_while_the_job_runs(caritas, alice, login):
    case = _case(caritas, alice, 20)
    job = BulkClosure.objects.create(
        started_by=alice, reason="no_contact", case_ids=[case.pk], total=1
    )
    page = login(alice).get(reverse("contacts:bulk_closure", args=[job.pk]), HTTP_HX_REQUEST="true")
    body = page.content.decode()
    assert 'hx-trigger="every 2s"' in body and "0 of 1 cases processed" in body
    assert "<html" not in body


def test_it_refuses_cases_the_user_may_not_close(caritas, drk, alice, carol, login):
    mine = _case(caritas, alice, 20)
    theirs = _case(drk, carol, 20)
    response = login(alice).post(
        reverse("contacts:bulk_close"), {"cases": [mine.pk, theirs.pk], "reason": "no_contact"}
    )
    assert response.status_code == 302
    assert not BulkClosure.objects.exists()
    assert Case.objects.get(pk=mine.pk).is_open


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "no_contact"},
        {"cases": ["1"], "reason": ""},
        {"cases": ["x"], "reason": "no_contact"},
    ],
)
def test_it_refuses_incomplete_requests(caritas, alice, login, data):
    _case(caritas, alice, 20)
    response = login(alice).post(reverse("contacts:bulk_close"), data, follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])
    assert not BulkClosure.objects.exists()


def test_it_reports_a_case_closed_meanwhile_and_closes_the_rest(caritas, alice):
    first, second = _case(caritas, alice, 20), _case(caritas, alice, 20)
    from lotse.cases.actions import do_close_case
    from lotse.contacts.actions import do_start_bulk_closure

    job = do_start_bulk_closure(alice, [first.pk, second.pk], reason="no_contact")
    do_close_case(alice, first, reason="moved_away")
    job = run_bulk_closure(job.pk)
    assert (job.status, job.closed, job.skipped) == (JobStatus.DONE, 1, 1)
    assert job.problems[0]["case"] == first.pk
    assert Case.objects.get(pk=first.pk).closing_reason == "moved_away"
    # Delivered twice (a retried worker): the second run does nothing.
    assert run_bulk_closure(job.pk).closed == 1


def test_it_shows_a_job_only_to_whoever_started_it(caritas, alice, erik, login):
    job = BulkClosure.objects.create(started_by=alice, reason="no_contact", case_ids=[], total=0)
    assert login(erik).get(reverse("contacts:bulk_closure", args=[job.pk])).status_code == 404


# The worker closes its database connection when done: outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_job_through_the_database_worker(
    caritas, alice, login, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    case = _case(caritas, alice, 20)
    with django_capture_on_commit_callbacks(execute=True):
        login(alice).post(
            reverse("contacts:bulk_close"), {"cases": [case.pk], "reason": "no_contact"}
        )
    job = BulkClosure.objects.get()
    assert job.status == JobStatus.QUEUED  # queued in the database, no worker yet
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    job.refresh_from_db()
    assert (job.status, job.closed) == (JobStatus.DONE, 1)
    assert not Case.objects.get(pk=case.pk).is_open


def test_it_settles_open_goals_as_dropped_when_it_closes_a_case(caritas, alice):
    from lotse.contacts.actions import do_start_bulk_closure

    case = _case(caritas, alice, 30)
    goal = f.goal(case, "language", actor=alice, title="Deutsch B1")
    job = run_bulk_closure(do_start_bulk_closure(alice, [case.pk], reason="no_contact").pk)
    assert (job.closed, job.skipped) == (1, 0)
    goal.refresh_from_db()
    assert goal.attainment == "dropped"
    assert goal.settled_on == timezone.localdate()
    assert "No contact any more" in goal.attainment_reason
