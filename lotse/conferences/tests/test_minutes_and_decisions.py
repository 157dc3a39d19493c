"""Minutes for participants with a release; decisions become the responsible office's tasks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.conferences.actions import do_record_decision, do_record_minutes
from lotse.conferences.models import CaseConference
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task

MINUTES = "Herr H. beginnt den Berufssprachkurs im Mai."


@pytest.fixture
def held(schedule):
    """A conference that has begun: minutes may be written."""
    conference = schedule()
    CaseConference.objects.filter(pk=conference.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    conference.refresh_from_db()
    return conference


@pytest.fixture
def in_a_week():
    return timezone.localdate() + datetime.timedelta(days=7)


def test_minutes_are_seen_by_participants_with_a_release_only(
    client, login, alice, bob, carol, yusuf, held, in_a_week
):
    item = held.agenda.first()
    do_record_minutes(alice, held, minutes={item.pk: MINUTES}, next_review_on=in_a_week)
    url = reverse("conferences:detail", args=[held.pk])
    for user, status in ((alice, 200), (bob, 200), (carol, 200), (yusuf, 404)):
        client.logout()
        login(user)
        response = client.get(url)
        assert response.status_code == status, user
        assert (MINUTES in response.content.decode()) == (status == 200)


def test_an_uninvited_organisation_does_not_see_the_conference(
    client, login, alice, carol, schedule, jobcentre
):
    conference = schedule(organisations=[jobcentre])
    login(carol)
    assert client.get(reverse("conferences:detail", args=[conference.pk])).status_code == 404


def test_a_decision_becomes_a_task_in_the_offices_deadline_list(
    client, login, alice, bob, held, jobcentre, in_a_week
):
    decision = do_record_decision(
        alice,
        held,
        text="Vermittlungsvorschlag Pflegehelfer",
        organisation=jobcentre,
        due_on=in_a_week,
    )
    task = decision.task
    assert task.organisation == jobcentre and task.assignee is None and task.team is None
    login(bob)
    listed = client.get(reverse("deadlines:mine"))
    assert "Vermittlungsvorschlag Pflegehelfer" in listed.content.decode()
    done = client.post(
        reverse("deadlines:complete", args=[task.pk]), {"status": "done", "version": task.version}
    )
    assert done.status_code == 302 and done.url == reverse("deadlines:mine")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.completed_by == bob


def test_the_office_cannot_edit_the_handed_task(
    client, login, alice, bob, held, jobcentre, in_a_week
):
    decision = do_record_decision(
        alice, held, text="Antrag prüfen", organisation=jobcentre, due_on=in_a_week
    )
    login(bob)
    assert client.get(reverse("deadlines:edit", args=[decision.task.pk])).status_code == 404


def test_consent_withdrawn_after_scheduling_ends_access(
    client, login, alice, bob, held, jobcentre, in_a_week, conference_case
):
    decision = do_record_decision(
        alice, held, text="Eingliederungsvereinbarung", organisation=jobcentre, due_on=in_a_week
    )
    for consent in conference_case.person.consents.all():
        do_withdraw_consent(alice, consent, withdrawn_on=timezone.localdate())
    login(bob)
    assert client.get(reverse("conferences:detail", args=[held.pk])).status_code == 404
    assert (
        "Eingliederungsvereinbarung" not in client.get(reverse("deadlines:mine")).content.decode()
    )
    refused = client.post(
        reverse("deadlines:complete", args=[decision.task.pk]), {"status": "done", "version": 1}
    )
    assert refused.status_code == 404
    with pytest.raises(ValidationError) as error:
        do_record_decision(alice, held, text="Noch etwas", organisation=jobcentre, due_on=in_a_week)
    assert "organisation" in error.value.message_dict
    assert Task.objects.filter(title="Noch etwas").count() == 0


def test_a_decision_needs_a_participating_organisation(alice, held, youth_office, in_a_week):
    with pytest.raises(ValidationError) as error:
        do_record_decision(alice, held, text="X", organisation=youth_office, due_on=in_a_week)
    assert "organisation" in error.value.message_dict


def test_minutes_wait_for_the_conference(alice, schedule):
    conference = schedule()
    item = conference.agenda.first()
    with pytest.raises(ValidationError):
        do_record_minutes(alice, conference, minutes={item.pk: "zu früh"})


def test_the_pages_record_minutes_and_decisions(client, login, alice, held, jobcentre, in_a_week):
    login(alice)
    item = held.agenda.first()
    saved = client.post(
        reverse("conferences:minutes", args=[held.pk]),
        {f"item_{item.pk}": MINUTES, "next_review_on": in_a_week.isoformat()},
    )
    assert saved.status_code == 302
    held.refresh_from_db()
    assert held.next_review_on == in_a_week and held.agenda.first().minutes == MINUTES
    decided = client.post(
        reverse("conferences:decide", args=[held.pk]),
        {"text": "Kita-Platz anfragen", "organisation": jobcentre.pk, "due_on": in_a_week},
    )
    assert decided.status_code == 302
    page = client.get(reverse("conferences:detail", args=[held.pk])).content.decode()
    assert "Kita-Platz anfragen" in page and MINUTES in page
