"""The coordinator's figures: counts only, small ones suppressed."""

import datetime

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.audit.display import object_label
from lotse.audit.models import AuditEntry
from lotse.conferences.actions import do_record_decision
from lotse.conferences.models import CaseConference
from lotse.conferences.statistics import conference_figures, suppressed
from lotse.core.reports import REPORT_OBJECT, REPORTS
from lotse.deadlines.actions import do_complete_task


def test_small_counts_are_suppressed():
    assert [suppressed(n) for n in (0, 1, 2, 3, 10)] == [0, None, None, 3, 10]


def test_it_counts_conferences_offices_and_decisions_on_time(alice, schedule, jobcentre):
    conferences = [schedule() for _ in range(3)]
    CaseConference.objects.update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    due = timezone.localdate() + datetime.timedelta(days=3)
    tasks = [
        do_record_decision(alice, c, text="Termin", organisation=jobcentre, due_on=due).task
        for c in conferences
    ]
    for task in tasks:
        do_complete_task(alice, task)
    figures = conference_figures()
    assert figures.conferences == 3
    assert dict(figures.by_organisation)["Jobcenter Musterkreis"] == 3
    assert figures.decisions == 3 and figures.done_on_time == 3
    assert figures.done_late == 0 and figures.open == 0


def test_the_page_is_the_coordinators_and_shows_no_content(client, login, cody, alice, schedule):
    schedule()
    login(cody)
    page = client.get(reverse("conferences:statistics"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "fewer than 3" in body and "Arbeitsaufnahme" not in body
    client.logout()
    login(alice)
    assert client.get(reverse("conferences:statistics")).status_code == 403


def test_the_coordinators_start_page_links_the_figures(client, login, cody):
    login(cody)
    body = client.get(reverse("core:home")).content.decode()
    assert reverse("conferences:statistics") in body


def test_without_a_replica_everything_reads_the_primary(client, login, cody, schedule):
    if REPORTS in connections:
        pytest.skip("LOTSE_REPORTS_DATABASE_URL is set for this run")
    for _ in range(3):
        schedule()
    login(cody)
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary:
        page = client.get(reverse("conferences:statistics"))
    assert page.context["figures"].conferences == 3
    assert any(
        "conferences_caseconference" in sql
        for sql in (q["sql"] for q in on_primary.captured_queries)
    )
    entry = AuditEntry.objects.get(
        actor_id=cody.pk, object_type=REPORT_OBJECT, object_id="conferences.statistics"
    )
    assert entry.person_id is None
    assert object_label(entry.object_type) == "anonymised report"
