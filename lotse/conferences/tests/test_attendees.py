"""Individual participants: the person, an interpreter, a named staff member; attendance."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.conferences.attendees import do_add_attendee, do_record_attendance
from lotse.conferences.models import CaseConference, ConferenceAttendee
from lotse.testing import factories as f


@pytest.fixture
def conference(schedule, jobcentre, drk):
    return schedule(organisations=[jobcentre, drk])


def _begin(conference):
    CaseConference.objects.filter(pk=conference.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    conference.refresh_from_db()


def test_it_invites_an_interpreter_by_mail_without_personal_data(
    conference, conference_case, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attendee = do_add_attendee(
            alice,
            conference,
            role="interpreter",
            name="Nadia Rahimi",
            language="PRS",
            email="dolmetsch@example.org",
        )
    assert attendee.language == "prs" and attendee.invited_at is not None
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.bcc == ["dolmetsch@example.org"]
    text = mail.body + mail.subject + str(mail.attachments[0][1])
    for secret in (conference_case.person.family_name, conference.title, "Sprachkurs"):
        assert secret not in text
    assert AuditEntry.objects.filter(
        object_type="conferences.conferenceattendee", object_id=str(attendee.pk)
    ).exists()


def test_it_sends_nothing_without_an_address(
    conference, conference_case, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attendee = do_add_attendee(alice, conference, role="person", person=conference_case.person)
    assert attendee.invited_at is None and mailoutbox == []
    with pytest.raises(ValidationError, match="already takes part"):
        do_add_attendee(alice, conference, role="person", person=conference_case.person)


def test_it_names_staff_only_of_participating_organisations_with_a_release(
    conference, alice, jobcentre, youth_office, caritas
):
    staff = do_add_attendee(
        alice, conference, role="staff", name="Bea Berger", organisation=jobcentre
    )
    assert staff.organisation == jobcentre
    with pytest.raises(ValidationError) as refused:
        do_add_attendee(alice, conference, role="staff", name="Y", organisation=youth_office)
    assert "organisation" in refused.value.message_dict
    assert ConferenceAttendee.objects.count() == 1


def test_it_refuses_bad_input_and_stores_nothing(conference, alice, drk):
    stranger = f.person(drk, None, given_names="Fremd", family_name="Person")
    for fields in (
        {"role": "interpreter", "name": "", "language": "ar"},
        {"role": "interpreter", "name": "N", "language": "arabic"},
        {"role": "staff", "name": "S"},
        {"role": "person"},
        {"role": "person", "person": stranger},
        {"role": "guest", "name": "G"},
        {"role": "interpreter", "name": "N", "language": "ar", "email": "kein-mail"},
    ):
        with pytest.raises(ValidationError):
            do_add_attendee(alice, conference, **fields)
    assert not ConferenceAttendee.objects.exists()


def test_it_records_attendance_once_begun(conference, conference_case, alice):
    person = do_add_attendee(alice, conference, role="person", person=conference_case.person)
    interpreter = do_add_attendee(
        alice, conference, role="interpreter", name="Nadia Rahimi", language="ar"
    )
    with pytest.raises(ValidationError, match="once the conference has begun"):
        do_record_attendance(alice, conference, {person.pk: "attended"})
    _begin(conference)
    do_record_attendance(alice, conference, {person.pk: "attended", interpreter.pk: "excused"})
    assert ConferenceAttendee.objects.get(pk=person.pk).attendance == "attended"
    assert ConferenceAttendee.objects.get(pk=interpreter.pk).attendance == "excused"
    with pytest.raises(ValidationError):
        do_record_attendance(alice, conference, {person.pk: "maybe"})
    entry = AuditEntry.objects.filter(
        object_type="conferences.conferenceattendee", object_id=str(person.pk), action="update"
    ).get()
    assert entry.changes == {"attendance": ["invited", "attended"]}


def test_the_page_adds_a_participant_with_htmx(
    login, client, alice, bob, conference, mailoutbox, django_capture_on_commit_callbacks
):
    login(alice)
    url = reverse("conferences:attendee_add", args=[conference.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "role": "interpreter",
                "name": "Nadia Rahimi",
                "language": "ar",
                "email": "dolmetsch@example.org",
            },
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="attendees"' in body and "Nadia Rahimi" in body
    assert 'for="attendee-name"' in body
    assert len(mailoutbox) == 1
    refused = client.post(url, {"role": "staff", "name": "X"}, HTTP_HX_REQUEST="true")
    # The refusal is swapped in where the form was, with the action's message.
    assert refused.status_code == 200
    assert "Choose an organisation that takes part." in refused.content.decode()
    assert ConferenceAttendee.objects.count() == 1
    # A participant reads the list but cannot add anyone.
    client.logout()
    login(bob)
    page = client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    assert "Nadia Rahimi" in page and "attendee-form-heading" not in page
    assert (
        client.post(url, {"role": "interpreter", "name": "Z", "language": "ar"}).status_code == 404
    )
    assert ConferenceAttendee.objects.count() == 1


def test_the_page_records_attendance(login, client, alice, conference, conference_case):
    person = do_add_attendee(alice, conference, role="person", person=conference_case.person)
    _begin(conference)
    login(alice)
    page = client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    assert f'name="attendance_{person.pk}"' in page
    response = client.post(
        reverse("conferences:attendance", args=[conference.pk]),
        {f"attendance_{person.pk}": "absent"},
    )
    assert response.status_code == 302
    assert ConferenceAttendee.objects.get(pk=person.pk).attendance == "absent"


def test_a_participant_released_without_identity_sees_the_person_unnamed(
    login, client, caritas, jobcentre, drk, alice, soon
):
    from lotse.accounts.choices import Role
    from lotse.conferences.actions import do_schedule_conference

    case = f.case(caritas, managers=(alice,), actor=alice)
    for organisation in (jobcentre, drk):
        f.participant(case, organisation, alice)
    f.consent(case, [jobcentre], ("identity", "education_work"), actor=alice)
    f.consent(case, [drk], ("education_work",), actor=alice)
    conference = do_schedule_conference(
        alice,
        case,
        title="Arbeitsaufnahme",
        data_category="education_work",
        starts_at=soon,
        organisations=[jobcentre, drk],
        agenda=["Arbeitssuche"],
        place="Kreishaus",
        interpreter_language="",
    )
    do_add_attendee(alice, conference, role="person", person=case.person)
    url = reverse("conferences:detail", args=[conference.pk])
    login(f.staff(drk, Role.OFFICE_STAFF, username="drk-staff"))
    page = client.get(url).content.decode()
    assert "Arbeitsaufnahme" in page
    assert case.person.family_name not in page
    login(alice)
    assert case.person.family_name in client.get(url).content.decode()
