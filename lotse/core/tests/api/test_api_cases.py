"""Cases through the API: filters, opening, phases with optimistic locking, closing,
participating organisations."""

import datetime

from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.cases.models import Case, CaseParticipant
from lotse.testing import factories as f


def test_it_filters_the_case_list(world, caritas, alice, api):
    colleague = f.staff(caritas, username="eva")
    theirs = f.case(caritas, managers=(colleague,), actor=colleague)
    client = api(alice)
    assert {c["id"] for c in client.get("cases/").json()["results"]} == {
        world["case"].pk,
        theirs.pk,
    }
    assert [c["id"] for c in client.get("cases/", {"mine": "true"}).json()["results"]] == [
        world["case"].pk
    ]
    assert [
        c["id"] for c in client.get("cases/", {"person": theirs.person_id}).json()["results"]
    ] == [theirs.pk]
    assert client.get("cases/", {"phase": "assessment"}).json()["count"] == 0
    assert client.get("cases/", {"phase": "clearing"}).json()["count"] == 2
    bad = client.get("cases/", {"phase": "nonsense", "person": "x"})
    assert bad.status_code == 400
    assert set(bad.json()) == {"phase", "person"}


def test_it_opens_a_case_for_a_person_the_organisation_keeps(world, caritas, alice, api):
    person = f.person(caritas, alice, given_names="Olena", family_name="Kovalenko")
    answer = api(alice).post(
        "cases/", {"person": person.pk, "programme": "mbe", "summary": "Erstgespräch"}
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["phase"] == "clearing"
    assert body["summary"] == "Erstgespräch"
    assert [m["username"] for m in body["managers"]] == ["alice"]
    case = Case.objects.get(pk=body["id"])
    assert case.organisation == caritas
    duplicate = api(alice).post("cases/", {"person": person.pk, "programme": "mbe"})
    assert duplicate.status_code == 400
    assert "programme" in duplicate.json()


def test_it_does_not_let_a_participant_open_a_case_for_someone_elses_person(world, bob, api):
    before = Case.objects.count()
    answer = api(bob).post("cases/", {"person": world["person"].pk, "programme": "mbe"})
    assert answer.status_code == 400
    assert "person" in answer.json()
    assert Case.objects.count() == before


def test_it_refuses_a_future_opening_date(caritas, alice, api):
    person = f.person(caritas, alice)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    answer = api(alice).post(
        "cases/", {"person": person.pk, "programme": "kim", "opened_on": tomorrow.isoformat()}
    )
    assert answer.status_code == 400
    assert "opened_on" in answer.json()
    assert not Case.objects.filter(person=person).exists()


def test_it_changes_the_phase_and_refuses_a_stale_version(world, alice, api):
    case = world["case"]
    client = api(alice)
    moved = client.post(
        f"cases/{case.pk}/phase/", {"phase": "assessment", "expected_version": case.version}
    )
    assert moved.status_code == 200
    assert moved.json()["phase"] == "assessment"
    assert moved.json()["version"] == case.version + 1
    stale = client.post(
        f"cases/{case.pk}/phase/", {"phase": "planning", "expected_version": case.version}
    )
    assert stale.status_code == 409
    assert "Reload" in stale.json()["detail"]
    assert f"version {case.version + 1}" in stale.json()["detail"]
    case.refresh_from_db()
    assert case.phase == "assessment"


def test_it_needs_the_expected_version(world, alice, api):
    answer = api(alice).post(f"cases/{world['case'].pk}/phase/", {"phase": "planning"})
    assert answer.status_code == 400
    assert "expected_version" in answer.json()


def test_it_refuses_closing_through_a_phase_change(world, alice, api):
    case = world["case"]
    answer = api(alice).post(
        f"cases/{case.pk}/phase/", {"phase": "closed", "expected_version": case.version}
    )
    assert answer.status_code == 400
    assert "phase" in answer.json()


def test_it_closes_a_case(world, alice, api):
    case = world["case"]
    client = api(alice)
    closed = client.post(
        f"cases/{case.pk}/close/",
        {"closing_reason": "goals_achieved", "expected_version": case.version},
    )
    assert closed.status_code == 200
    assert closed.json()["phase"] == "closed"
    assert closed.json()["closed_on"] == timezone.localdate().isoformat()
    again = client.post(
        f"cases/{case.pk}/close/",
        {"closing_reason": "goals_achieved", "expected_version": case.version + 1},
    )
    assert again.status_code == 400
    assert "non_field_errors" in again.json()


def test_it_manages_participants(world, alice, bob, drk, jobcentre, api):
    case = world["case"]
    client = api(alice)
    listed = client.get(f"cases/{case.pk}/participants/")
    assert [p["organisation"]["id"] for p in listed.json()] == [jobcentre.pk]
    added = client.post(f"cases/{case.pk}/participants/", {"organisation": drk.pk})
    assert added.status_code == 201
    assert added.json()["organisation"]["name"] == drk.name
    twice = client.post(f"cases/{case.pk}/participants/", {"organisation": drk.pk})
    assert twice.status_code == 400
    assert "organisation" in twice.json()
    owner = client.post(f"cases/{case.pk}/participants/", {"organisation": case.organisation_id})
    assert owner.status_code == 400

    removed = client.delete(f"cases/{case.pk}/participants/{jobcentre.pk}/")
    assert removed.status_code == 204
    assert not CaseParticipant.objects.filter(case=case, organisation=jobcentre).exists()
    # Access through the case ends with the participation.
    assert api(bob).get(f"cases/{case.pk}/").status_code == 404
    assert client.delete(f"cases/{case.pk}/participants/{jobcentre.pk}/").status_code == 404


def test_it_lets_a_participant_see_who_takes_part(world, bob, jobcentre, api):
    before = AuditEntry.objects.count()
    listed = api(bob).get(f"cases/{world['case'].pk}/participants/")
    assert listed.status_code == 200
    assert [p["organisation"]["id"] for p in listed.json()] == [jobcentre.pk]
    assert AuditEntry.objects.count() == before + 1
