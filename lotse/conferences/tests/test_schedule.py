"""Scheduling: participants need a release for the data discussed; invitations carry iCal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lotse.audit.models import AuditEntry
from lotse.conferences.models import CaseConference


def test_it_schedules_and_invites_by_mail_with_ical(
    schedule, mailoutbox, django_capture_on_commit_callbacks, conference_case
):
    with django_capture_on_commit_callbacks(execute=True):
        conference = schedule()
    names = sorted(p.organisation.name for p in conference.participants.all())
    assert names == ["Caritas Musterkreis", "DRK Musterkreis", "Jobcenter Musterkreis"]
    assert [i.title for i in conference.agenda.all()] == ["Sprachkurs", "Arbeitssuche"]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert {"jobcenter@example.org", "drk@example.org", "alice@example.org"} <= set(mail.bcc)
    # Mail leaves the system: no name of the person and not the occasion.
    assert conference_case.person.family_name not in mail.body
    assert "Arbeitsaufnahme" not in mail.body + mail.subject
    _name, content, mimetype = mail.attachments[0]
    assert mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == conference.starts_at.replace(microsecond=0)
    assert str(event["location"]) == "Kreishaus, Raum 2"
    assert AuditEntry.objects.filter(
        object_type="conferences.caseconference", object_id=str(conference.pk)
    ).exists()


def test_it_refuses_an_organisation_without_release_and_sends_nothing(
    schedule, youth_office, jobcentre, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        schedule(organisations=[jobcentre, youth_office])
    assert "Jugendamt Musterkreis" in str(refused.value.message_dict["organisations"])
    assert not CaseConference.objects.exists()
    assert mailoutbox == []


def test_it_refuses_a_release_that_does_not_cover_the_data(schedule):
    # Health was never released to the job centre and DRK.
    with pytest.raises(ValidationError) as refused:
        schedule(data_category="health")
    assert "organisations" in refused.value.message_dict
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_at": timezone.now() - datetime.timedelta(hours=1)}, "starts_at"),
        ({"place": "", "video_link": ""}, "place"),
        ({"agenda": ["", "  "]}, "agenda"),
        ({"organisations": []}, "organisations"),
    ],
)
def test_it_refuses_bad_input_with_a_specific_message(schedule, overrides, field):
    with pytest.raises(ValidationError) as refused:
        schedule(**overrides)
    assert field in refused.value.message_dict
    assert not CaseConference.objects.exists()


def test_the_form_names_the_organisation_without_release(
    client, login, alice, conference_case, jobcentre, youth_office, soon, mailoutbox
):
    login(alice)
    response = client.post(
        reverse("conferences:schedule", args=[conference_case.pk]),
        {
            "title": "Abstimmung",
            "data_category": "residence",
            "starts_at": timezone.localtime(soon).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
            "place": "Kreishaus",
            "organisations": [jobcentre.pk, youth_office.pk],
            "agenda": "Aufenthalt\nWohnung",
        },
    )
    assert response.status_code == 400
    assert "Jugendamt Musterkreis" in response.content.decode()
    assert not CaseConference.objects.exists() and mailoutbox == []


def test_the_form_schedules_and_redirects_to_the_conference(
    client, login, alice, conference_case, jobcentre, soon
):
    login(alice)
    response = client.post(
        reverse("conferences:schedule", args=[conference_case.pk]),
        {
            "title": "Abstimmung",
            "data_category": "residence",
            "starts_at": timezone.localtime(soon).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 45,
            "video_link": "https://video.example.org/raum-7",
            "organisations": [jobcentre.pk],
            "agenda": "Aufenthalt\nWohnung",
            "person_attends": "on",
        },
    )
    conference = CaseConference.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("conferences:detail", args=[conference.pk])
    assert conference.duration_minutes == 45 and conference.agenda.count() == 2


def test_only_the_owners_case_staff_may_schedule(client, login, bob, conference_case):
    login(bob)
    response = client.get(reverse("conferences:schedule", args=[conference_case.pk]))
    assert response.status_code == 404
