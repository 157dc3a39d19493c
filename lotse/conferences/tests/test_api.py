"""/api/v1/conferences/: the same release check, visibility and decisions as the pages."""

import datetime

import pytest
from django.utils import timezone

from lotse.conferences.models import CaseConference
from lotse.core.tests.api.conftest import Api
from lotse.deadlines.models import Task


@pytest.fixture
def payload(conference_case, jobcentre, soon):
    return {
        "case": conference_case.pk,
        "title": "Abstimmung Wohnung",
        "data_category": "residence",
        "starts_at": soon.isoformat(),
        "place": "Rathaus",
        "organisations": [jobcentre.pk],
        "agenda": ["Wohnung", "Sprachkurs"],
    }


def test_it_schedules_lists_and_decides(alice, bob, payload, jobcentre, conference_case):
    created = Api(alice).post("conferences/", payload)
    assert created.status_code == 201, created.json()
    conference_id = created.json()["id"]
    listed = Api(bob).get("conferences/")
    assert [c["id"] for c in listed.json()["results"]] == [conference_id]
    CaseConference.objects.update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    decided = Api(alice).post(
        f"conferences/{conference_id}/decisions/",
        {"text": "Wohnberechtigungsschein", "organisation": jobcentre.pk, "due_on": due},
    )
    assert decided.status_code == 201, decided.json()
    assert Task.objects.get(pk=decided.json()["task"]).organisation == jobcentre
    # The participant reads the conference, but decides nothing.
    refused = Api(bob).post(
        f"conferences/{conference_id}/decisions/",
        {"text": "Selbst", "organisation": jobcentre.pk, "due_on": due},
    )
    assert refused.status_code == 403


def test_it_refuses_an_organisation_without_release(
    alice, payload, youth_office, mailoutbox, django_capture_on_commit_callbacks
):
    payload["organisations"].append(youth_office.pk)
    with django_capture_on_commit_callbacks(execute=True):
        refused = Api(alice).post("conferences/", payload)
    assert refused.status_code == 400
    assert "Jugendamt Musterkreis" in str(refused.json()["organisations"])
    assert not CaseConference.objects.exists() and mailoutbox == []


def test_outsiders_get_404(alice, yusuf, payload):
    conference_id = Api(alice).post("conferences/", payload).json()["id"]
    assert Api(yusuf).get(f"conferences/{conference_id}/").status_code == 404
    assert Api(yusuf).get("conferences/").json()["results"] == []


def test_it_schedules_for_several_cases_and_adds_attendees(
    alice,
    bob,
    payload,
    family_case,
    drk,
    conference_case,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    payload.update({"data_category": "education_work", "further_cases": [family_case.pk]})
    created = Api(alice).post("conferences/", payload)
    assert created.status_code == 201, created.json()
    assert created.json()["further_cases"] == [family_case.pk]
    conference_id = created.json()["id"]
    # Karim released nothing to DRK: refused, naming whose release is missing.
    payload["organisations"].append(drk.pk)
    refused = Api(alice).post("conferences/", payload)
    assert refused.status_code == 400
    assert family_case.reference in str(refused.json()["organisations"])
    assert CaseConference.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        added = Api(alice).post(
            f"conferences/{conference_id}/attendees/",
            {"role": "person", "person": family_case.person_id, "email": "k@example.org"},
        )
    assert added.status_code == 201, added.json()
    assert added.json()["invited_at"] is not None and len(mailoutbox) == 1
    assert (
        Api(bob)
        .post(
            f"conferences/{conference_id}/attendees/",
            {"role": "interpreter", "name": "N", "language": "ar"},
        )
        .status_code
        == 403
    )
    stranger = Api(alice).post(
        f"conferences/{conference_id}/attendees/", {"role": "person", "person": 999999}
    )
    assert stranger.status_code == 400
    listed = Api(bob).get(f"conferences/{conference_id}/").json()
    assert [a["role"] for a in listed["attendees"]] == ["person"]
    CaseConference.objects.update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    marked = Api(alice).post(
        f"conferences/{conference_id}/attendance/",
        {"attendees": [{"id": added.json()["id"], "attendance": "attended"}]},
    )
    assert marked.status_code == 200, marked.json()
    assert marked.json()["attendees"][0]["attendance"] == "attended"
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    decided = Api(alice).post(
        f"conferences/{conference_id}/decisions/",
        {
            "text": "Bewerbung",
            "organisation": payload["organisations"][0],
            "due_on": due,
            "case": family_case.pk,
        },
    )
    assert decided.status_code == 201, decided.json()
    assert decided.json()["case"] == family_case.pk
    assert Task.objects.get(pk=decided.json()["task"]).case_id == family_case.pk
