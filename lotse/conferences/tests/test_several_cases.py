"""One conference for a family: several cases, every person's release checked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.conferences.actions import do_record_decision
from lotse.conferences.models import CaseConference, ConferenceCase
from lotse.deadlines.models import Task
from lotse.testing import factories as f


def test_it_schedules_one_conference_for_two_cases(
    schedule,
    conference_case,
    family_case,
    jobcentre,
    bob,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        conference = schedule(organisations=[jobcentre], further_cases=[family_case])
    assert conference.all_cases() == [conference_case, family_case]
    # Each person's trail shows the conference.
    for case in (conference_case, family_case):
        assert AuditEntry.objects.filter(
            object_type="conferences.caseconference",
            object_id=str(conference.pk),
            case_id=case.pk,
            person_id=case.person_id,
        ).exists()
    assert len(mailoutbox) == 1
    assert "Karim" not in mailoutbox[0].body and "Haddad" not in mailoutbox[0].body
    # The job centre holds both releases: it reads the conference.
    assert CaseConference.objects.visible_to(bob).filter(pk=conference.pk).exists()


def test_it_refuses_when_one_persons_release_misses_an_organisation(
    schedule, family_case, jobcentre, drk, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        schedule(organisations=[jobcentre, drk], further_cases=[family_case])
    messages = refused.value.message_dict["organisations"]
    # Only Karim's release lacks DRK; the organiser reads his identity, so he is named.
    assert len(messages) == 1
    assert "Haddad, Karim" in messages[0] and family_case.reference in messages[0]
    assert "DRK Musterkreis" in messages[0] and "Jobcenter" not in messages[0]
    assert not CaseConference.objects.exists() and not ConferenceCase.objects.exists()
    assert mailoutbox == []


def test_it_refuses_a_case_the_user_may_not_change(schedule, drk, carol, jobcentre):
    foreign = f.case(drk, managers=(carol,), actor=carol)
    with pytest.raises(ValidationError) as refused:
        schedule(organisations=[jobcentre], further_cases=[foreign])
    message = refused.value.message_dict["further_cases"][0]
    assert "Only cases you may change" in message
    assert foreign.reference not in message and "Amina" not in message
    assert not CaseConference.objects.exists()


def test_a_release_withdrawn_for_one_case_hides_the_conference(
    schedule, family_case, jobcentre, bob, alice
):
    from lotse.access.actions import do_withdraw_consent

    conference = schedule(organisations=[jobcentre], further_cases=[family_case])
    consent = family_case.person.consents.get()
    do_withdraw_consent(alice, consent, withdrawn_on=timezone.localdate())
    assert not CaseConference.objects.visible_to(bob).filter(pk=conference.pk).exists()


def test_decisions_become_tasks_in_the_case_they_concern(
    schedule, conference_case, family_case, jobcentre, alice, bob
):
    conference = schedule(organisations=[jobcentre], further_cases=[family_case])
    CaseConference.objects.filter(pk=conference.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    conference.refresh_from_db()
    due = timezone.localdate() + datetime.timedelta(days=5)
    decision = do_record_decision(
        alice, conference, text="Bewerbung", organisation=jobcentre, due_on=due, case=family_case
    )
    assert decision.task.case == family_case and decision.case == family_case
    assert Task.objects.visible_to(bob).filter(pk=decision.task.pk).exists()
    plain = do_record_decision(alice, conference, text="Kita", organisation=jobcentre, due_on=due)
    assert plain.task.case == conference_case
    other = f.case(conference_case.organisation, managers=(alice,), actor=alice)
    with pytest.raises(ValidationError) as refused:
        do_record_decision(
            alice, conference, text="X", organisation=jobcentre, due_on=due, case=other
        )
    assert "case" in refused.value.message_dict


def test_the_schedule_page_offers_household_cases(
    login, client, alice, conference_case, family_case, jobcentre, soon
):
    login(alice)
    url = reverse("conferences:schedule", args=[conference_case.pk])
    page = client.get(url).content.decode()
    assert family_case.reference in page
    response = client.post(
        url,
        {
            "title": "Familie Haddad",
            "data_category": "education_work",
            "starts_at": timezone.localtime(soon).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
            "place": "Kreishaus",
            "organisations": [jobcentre.pk],
            "further_cases": [family_case.pk],
            "person_attends": "on",
            "agenda": "Arbeit\nKita",
        },
    )
    assert response.status_code == 302, response.content.decode()
    conference = CaseConference.objects.get()
    assert [c.pk for c in conference.all_cases()] == [conference_case.pk, family_case.pk]
    detail = client.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    assert family_case.reference in detail
    # Karim's case page lists the family's conference too.
    karim = client.get(reverse("cases:detail", args=[family_case.pk])).content.decode()
    assert reverse("conferences:detail", args=[conference.pk]) in karim


def test_it_refuses_a_case_of_another_organisation_even_to_a_member_of_both(
    schedule, alice, drk, jobcentre
):
    from lotse.accounts.choices import Role
    from lotse.accounts.models import Membership

    Membership.objects.create(user=alice, organisation=drk, role=Role.CASE_MANAGER)
    alice.__dict__.pop("role_pairs", None)  # the memberships are read once per request
    elsewhere = f.case(drk, managers=(alice,), actor=alice)
    with pytest.raises(ValidationError) as refused:
        schedule(organisations=[jobcentre], further_cases=[elsewhere])
    assert "belongs to another organisation" in refused.value.message_dict["further_cases"][0]
    assert not CaseConference.objects.exists()
