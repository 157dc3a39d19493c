"""Appointments with the person: a follow-up with a time. The calendar feed shows
it at its hour (blocking the time); the form, the API and the action take it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lotse.core.tests.api.conftest import Api
from lotse.deadlines.actions import do_create_task, do_rotate_calendar_feed, do_update_task
from lotse.deadlines.models import Task
from lotse.testing import factories as f

BERLIN = timezone.get_default_timezone()


def _events(user):
    raw = do_rotate_calendar_feed(user)
    response = Client().get(reverse("deadlines:feed", args=[raw]))
    assert response.status_code == 200
    return {
        str(e["uid"]).split("@")[0]: e for e in Calendar.from_ical(response.content).walk("VEVENT")
    }


def test_it_puts_an_appointment_at_its_hour_into_the_feed(alice, alice_case, days):
    appointment = do_create_task(
        alice,
        alice_case,
        title="Termin: Antrag Wohngeld ausfüllen",
        due_on=days(3),
        appointment_time=datetime.time(10, 30),
        assignee=alice,
    )
    follow_up = f.task(alice_case, alice, due_on=days(3))
    events = _events(alice)
    event = events[f"task-{appointment.pk}"]
    start = event.decoded("dtstart")
    assert isinstance(start, datetime.datetime)
    assert start.astimezone(BERLIN).replace(tzinfo=None) == datetime.datetime.combine(
        days(3), datetime.time(10, 30)
    )
    assert event.decoded("dtend") - start == datetime.timedelta(hours=1)
    assert str(event["transp"]) == "OPAQUE"
    assert alice_case.reference in str(event["summary"])
    # Still nothing a calendar provider should learn.
    assert "Wohngeld" not in str(event.to_ical())
    # The follow-up without a time stays an all-day entry that blocks nothing.
    all_day = events[f"task-{follow_up.pk}"]
    assert all_day.decoded("dtstart") == days(3)
    assert str(all_day["transp"]) == "TRANSPARENT"


def test_it_moves_the_event_when_the_appointment_moves(alice, alice_case, days):
    task = do_create_task(
        alice,
        alice_case,
        title="Termin",
        due_on=days(2),
        appointment_time=datetime.time(9, 0),
        assignee=alice,
    )
    do_update_task(alice, task, expected_version=1, appointment_time=datetime.time(14, 0))
    event = _events(alice)[f"task-{task.pk}"]
    assert event.decoded("dtstart").astimezone(BERLIN).hour == 14
    assert int(event["sequence"]) == 2


def test_it_refuses_a_new_appointment_earlier_today(alice, alice_case):
    from django.core.exceptions import ValidationError

    past = (timezone.localtime() - datetime.timedelta(minutes=5)).time()
    if timezone.localtime().time() < datetime.time(0, 5):
        pytest.skip("five minutes ago was yesterday")
    with pytest.raises(ValidationError) as refused:
        do_create_task(
            alice,
            alice_case,
            title="Termin",
            due_on=timezone.localdate(),
            appointment_time=past,
            assignee=alice,
        )
    assert "appointment_time" in refused.value.message_dict
    assert not Task.objects.exists()


def test_the_case_page_form_records_an_appointment(alice, alice_case, login, days):
    response = login(alice).post(
        reverse("deadlines:create", args=[alice_case.pk]),
        {
            "title": "Termin beim Jobcenter begleiten",
            "due_on": days(5).isoformat(),
            "appointment_time": "08:15",
            "assign_to": f"user:{alice.pk}",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    task = Task.objects.get()
    assert task.appointment_time == datetime.time(8, 15)
    assert "08:15" in response.content.decode()


def test_the_api_takes_and_shows_the_appointment_time(alice, alice_case, days):
    client = Api(alice)
    created = client.post(
        "tasks/",
        {
            "case": alice_case.pk,
            "title": "Termin",
            "due_on": days(4).isoformat(),
            "appointment_time": "11:00",
            "assignee": alice.pk,
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["appointment_time"] == "11:00:00"
