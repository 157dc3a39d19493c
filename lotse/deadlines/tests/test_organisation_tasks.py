"""Tasks a case conference handed to an organisation reach that organisation's
case staff: in the reminder e-mail and in their calendar feed, while its release
for the case is in force."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lotse.access.actions import do_withdraw_consent
from lotse.accounts.choices import Role
from lotse.deadlines.actions import do_create_task, do_rotate_calendar_feed
from lotse.deadlines.reminders import run_reminders
from lotse.testing import factories as f


@pytest.fixture
def later():
    return timezone.now() + datetime.timedelta(days=1)


@pytest.fixture
def released(alice_case, jobcentre, alice):
    f.participant(alice_case, jobcentre, alice)
    return f.consent(alice_case, [jobcentre], ("identity", "case_notes"), actor=alice)


@pytest.fixture
def handed(alice_case, jobcentre, alice, released, days):
    return do_create_task(
        alice,
        alice_case,
        title="Vermittlungsvorschlag Lagerlogistik",
        due_on=days(0),
        organisation=jobcentre,
    )


@pytest.fixture
def bea(jobcentre):
    """bob's colleague at the job centre."""
    return f.staff(jobcentre, Role.CASE_MANAGER, username="bea")


def _uids(user) -> list[str]:
    raw = do_rotate_calendar_feed(user)
    response = Client().get(reverse("deadlines:feed", args=[raw]))
    assert response.status_code == 200
    return [
        str(e["uid"]).split("@")[0] for e in Calendar.from_ical(response.content).walk("VEVENT")
    ]


def test_it_reminds_each_case_staff_member_of_the_responsible_organisation(
    alice, bob, bea, alice_case, handed, later
):
    run = run_reminders(now=later)
    assert run.claimed == 1 and run.skipped == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([bob.email, bea.email])
    body = mail.outbox[0].body
    assert alice_case.reference in body
    assert "Lagerlogistik" not in body and alice_case.person.family_name not in body


def test_it_stops_reminding_once_the_release_is_withdrawn(
    alice, bob, alice_case, released, handed, later
):
    do_withdraw_consent(alice, released, withdrawn_on=timezone.localdate())
    run = run_reminders(now=later)
    assert run.claimed == 1 and run.skipped == 1 and not mail.outbox


def test_it_shows_in_the_calendar_of_the_organisations_staff_only(
    alice, bob, carol, alice_case, handed, released
):
    assert _uids(bob) == [f"task-{handed.pk}"]
    assert _uids(alice) == []  # the owner did not take it on
    assert _uids(carol) == []
    do_withdraw_consent(alice, released, withdrawn_on=timezone.localdate())
    assert _uids(bob) == []
