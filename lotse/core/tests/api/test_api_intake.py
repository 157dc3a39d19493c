"""/api/v1/intakes/, /api/v1/assessments/ and the phase history, with the UI's rules."""

import datetime

from django.utils import timezone

from lotse.access.models import Consent
from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.actions import do_change_phase
from lotse.cases.models import Case
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.testing import factories as f

TODAY = timezone.localdate


def _intake(person, **fields):
    return {
        "person": person.pk,
        "held_on": TODAY().isoformat(),
        "came_via": "volunteer",
        "first_needs": "Wohnung, Sprachkurs, Kita",
        "life_areas": ["housing", "language", "family"],
        "pathways_failed": True,
        "agrees_to_case_management": True,
        "decision": "case_management",
        "programme": "kim",
        **fields,
    }


def test_it_records_an_intake_that_opens_the_case(api, caritas, alice):
    person = f.person(caritas, alice)
    response = api(alice).post("intakes/", _intake(person))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["indication"]["met"] is True
    assert body["life_areas"] == ["language", "family", "housing"] or set(body["life_areas"]) == {
        "housing",
        "language",
        "family",
    }
    case = Case.objects.get(pk=body["case"])
    assert case.person == person and case.phase == "clearing"


def test_it_refuses_bad_intake_input_and_saves_nothing(api, caritas, alice):
    person = f.person(caritas, alice)
    client = api(alice)
    response = client.post("intakes/", _intake(person, agrees_to_case_management=False))
    assert response.status_code == 400
    assert "agrees_to_case_management" in response.json()
    response = client.post("intakes/", _intake(person, held_on="2999-01-01"))
    assert "held_on" in response.json()
    assert not IntakeRecord.objects.exists() and not Case.objects.exists()


def test_it_nests_a_refused_release_under_consent(api, caritas, jobcentre, alice):
    person = f.person(caritas, alice)
    consent = {
        "text": f.consent_text().pk,
        "purpose": "Abstimmung",
        "recipients": [jobcentre.pk],
        "categories": ["health"],
        "form": "oral_witnessed",
        "language": "fa",
        "given_on": TODAY().isoformat(),
    }
    response = api(alice).post("intakes/", _intake(person, consent=consent))
    assert response.status_code == 400
    body = response.json()
    assert set(body["consent"]) == {"special_categories_named", "witness"}
    assert not Consent.objects.exists() and not IntakeRecord.objects.exists()
    consent.update(special_categories_named=True, witness="Kollegin M. Weber")
    response = api(alice).post("intakes/", _intake(person, consent=consent))
    assert response.status_code == 201
    assert Consent.objects.get().case_id == response.json()["case"]


def test_it_lists_intakes_only_to_the_recording_organisation(
    api, world, caritas, alice, bob, carol
):
    intake = f.intake(caritas, f.person(caritas, alice, family_name="Noori"), alice)
    assert [row["id"] for row in api(alice).get("intakes/").json()["results"]] == [intake.pk]
    for user in (bob, carol):
        assert api(user).get("intakes/").json()["results"] == []
        assert api(user).get(f"intakes/{intake.pk}/").status_code == 404
        assert api(user).post("intakes/", _intake(world["person"])).status_code in (400, 403)


def test_it_assesses_and_reassesses_with_a_version_check(api, world, alice):
    case = world["case"]
    client = api(alice)
    first = client.post(
        "assessments/",
        {
            "case": case.pk,
            "life_area": "work",
            "assessed_on": TODAY().isoformat(),
            "priority": "high",
            "needs": "Anerkennung",
        },
    )
    assert first.status_code == 201, first.json()
    assert first.json()["category"] == "education_work"
    stale = client.post(
        "assessments/",
        {
            "case": case.pk,
            "life_area": "work",
            "assessed_on": TODAY().isoformat(),
            "priority": "low",
            "needs": "x",
        },
    )
    assert stale.status_code == 409
    again = client.post(
        "assessments/",
        {
            "case": case.pk,
            "life_area": "work",
            "assessed_on": TODAY().isoformat(),
            "priority": "low",
            "needs": "Anerkannt",
            "based_on": first.json()["id"],
        },
    )
    assert again.status_code == 201
    assert again.json()["previous"] == first.json()["id"]
    current = client.get("assessments/", {"case": case.pk, "current": "true"}).json()
    assert [row["needs"] for row in current["results"]] == ["Anerkannt"]
    everything = client.get("assessments/", {"case": case.pk}).json()
    assert len(everything["results"]) == 2


def test_it_refuses_an_assessment_in_the_future(api, world, alice):
    response = api(alice).post(
        "assessments/",
        {
            "case": world["case"].pk,
            "life_area": "work",
            "priority": "high",
            "needs": "x",
            "assessed_on": (TODAY() + datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "assessed_on" in response.json()
    assert not AssessmentEntry.objects.exists()


def test_it_shows_a_participant_only_released_life_areas(api, world, alice, bob, carol):
    case = world["case"]
    f.assessment(case, "residence", alice, situation="Aufenthaltserlaubnis § 25b")
    health = f.assessment(case, "health", alice, situation="Therapie")
    rows = api(bob).get("assessments/", {"case": case.pk}).json()["results"]
    assert [row["life_area"] for row in rows] == ["residence"]
    assert api(bob).get(f"assessments/{health.pk}/").status_code == 404
    assert api(carol).get("assessments/").json()["results"] == []
    read = AuditEntry.objects.filter(actor_id=bob.pk, action=AuditAction.READ).latest("id")
    assert list(read.categories) == ["residence"]
    # Reading is not writing: a participant cannot assess.
    response = api(bob).post(
        "assessments/",
        {
            "case": case.pk,
            "life_area": "residence",
            "priority": "low",
            "needs": "x",
            "assessed_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 400


def test_it_lists_the_phase_history_with_notes_only_when_released(api, world, alice, bob):
    case = world["case"]
    do_change_phase(alice, case, "assessment", note="Clearing abgeschlossen")
    owner = api(alice).get(f"cases/{case.pk}/phases/").json()
    assert [(r["from_phase"], r["to_phase"]) for r in owner] == [
        ("", "clearing"),
        ("clearing", "assessment"),
    ]
    assert owner[1]["note"] == "Clearing abgeschlossen"
    participant = api(bob).get(f"cases/{case.pk}/phases/").json()
    assert "note" not in participant[1]
    assert participant[1]["withheld_categories"] == ["case_notes"]


def test_it_takes_a_note_with_the_phase_change(api, world, alice):
    case = world["case"]
    response = api(alice).post(
        f"cases/{case.pk}/phase/",
        {"phase": "assessment", "expected_version": case.version, "note": "Weiter"},
    )
    assert response.status_code == 200
    assert case.phase_changes.latest("id").note == "Weiter"
