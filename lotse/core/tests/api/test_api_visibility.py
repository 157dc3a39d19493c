"""The API shows exactly what the web interface shows: same choke point, same 404s."""

from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.audit.models import AuditAction, AuditEntry
from lotse.core.tests.api.conftest import STREET, SUMMARY

DETAIL_BLOCKS = {
    "spellings",
    "nationalities",
    "languages",
    "identifiers",
    "contact_details",
    "addresses",
    "households",
}


def test_it_shows_the_owner_everything(world, alice, api):
    person = api(alice).get(f"people/{world['person'].pk}/").json()
    assert set(person) >= DETAIL_BLOCKS
    assert person["family_name"] == "Haddad"
    assert person["addresses"][0]["street"] == STREET
    assert person["households"][0]["relationship"] == "head"
    assert person["withheld_categories"] == []
    case = api(alice).get(f"cases/{world['case'].pk}/").json()
    assert case["summary"] == SUMMARY
    assert case["person_name"] == "Haddad, Amina"
    assert [p["organisation"]["name"] for p in case["participants"]] == ["Jobcenter Musterkreis"]


def test_it_shows_a_participant_only_the_released_categories(world, bob, api):
    response = api(bob).get(f"people/{world['person'].pk}/")
    assert response.status_code == 200
    person = response.json()
    assert person["family_name"] == "Haddad"
    assert {"spellings", "nationalities", "languages", "identifiers"} <= set(person)
    assert not {"contact_details", "addresses", "households"} & set(person)
    assert person["withheld_categories"] == ["contact", "family"]
    assert STREET not in response.content.decode()

    case = api(bob).get(f"cases/{world['case'].pk}/")
    assert case.status_code == 200
    assert "summary" not in case.json()
    assert case.json()["withheld_categories"] == ["case_notes"]
    assert SUMMARY not in case.content.decode()

    listed = api(bob).get("cases/").json()["results"]
    assert [c["id"] for c in listed] == [world["case"].pk]
    assert "summary" not in listed[0]
    assert listed[0]["person_name"] == "Haddad, Amina"


def test_it_answers_404_to_an_outsider(world, carol, api):
    client = api(carol)
    assert client.get(f"people/{world['person'].pk}/").status_code == 404
    assert client.get(f"cases/{world['case'].pk}/").status_code == 404
    assert client.get(f"consents/{world['consent'].pk}/").status_code == 404
    assert client.get(f"cases/{world['case'].pk}/participants/").status_code == 404
    assert client.get("people/").json()["count"] == 0
    assert client.get("cases/").json()["count"] == 0
    assert client.get("consents/").json()["count"] == 0


def test_it_answers_404_to_an_outsiders_writes_and_changes_nothing(world, carol, api):
    client = api(carol)
    case = world["case"]
    before = AuditEntry.objects.count()
    assert client.patch(f"people/{world['person'].pk}/", {"family_name": "X"}).status_code == 404
    phase = {"phase": "assessment", "expected_version": case.version}
    assert client.post(f"cases/{case.pk}/phase/", phase).status_code == 404
    assert client.post(f"consents/{world['consent'].pk}/withdraw/", {}).status_code == 404
    assert client.delete(f"cases/{case.pk}/participants/{case.organisation_id}/").status_code == 404
    assert AuditEntry.objects.count() == before
    case.refresh_from_db()
    assert case.phase == "clearing"


def test_it_refuses_changes_to_a_participant_who_may_only_read(world, bob, jobcentre, api):
    client = api(bob)
    case = world["case"]
    assert client.patch(f"people/{world['person'].pk}/", {"family_name": "X"}).status_code == 403
    phase = {"phase": "assessment", "expected_version": case.version}
    assert client.post(f"cases/{case.pk}/phase/", phase).status_code == 403
    assert client.delete(f"cases/{case.pk}/participants/{jobcentre.pk}/").status_code == 403
    world["person"].refresh_from_db()
    assert world["person"].family_name == "Haddad"


def test_it_ends_a_participants_access_at_once_on_withdrawal(world, alice, bob, api):
    client = api(bob)
    assert client.get(f"cases/{world['case'].pk}/").status_code == 200
    answer = api(alice).post(
        f"consents/{world['consent'].pk}/withdraw/",
        {"withdrawn_on": timezone.localdate().isoformat(), "note": "Widerruf am Telefon"},
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "withdrawn"
    assert client.get(f"cases/{world['case'].pk}/").status_code == 404
    assert client.get(f"people/{world['person'].pk}/").status_code == 404
    assert client.get("cases/").json()["count"] == 0


def test_it_ends_access_when_withdrawn_outside_the_api(world, alice, bob, api):
    do_withdraw_consent(alice, world["consent"], withdrawn_on=timezone.localdate())
    assert api(bob).get(f"people/{world['person'].pk}/").status_code == 404


def test_it_gives_a_token_exactly_its_users_visibility(world, bob, session_api, api):
    by_token = api(bob).get(f"people/{world['person'].pk}/").json()
    by_session = session_api(bob).get(f"people/{world['person'].pk}/").json()
    assert (
        by_token["withheld_categories"]
        == by_session["withheld_categories"]
        == [
            "contact",
            "family",
        ]
    )
    assert set(by_token) == set(by_session)


def test_it_rejects_a_request_without_credentials(world, client):
    response = client.get(f"/api/v1/people/{world['person'].pk}/")
    assert response.status_code in (401, 403)
    assert "Haddad" not in response.content.decode()
    bad = client.get("/api/v1/people/", HTTP_AUTHORIZATION="Bearer lotse_not-a-token")
    assert bad.status_code == 401


def test_it_records_one_read_per_detail_request(world, bob, api):
    before = AuditEntry.objects.filter(action=AuditAction.READ).count()
    api(bob).get(f"people/{world['person'].pk}/")
    reads = AuditEntry.objects.filter(action=AuditAction.READ).order_by("-id")
    assert reads.count() == before + 1
    assert reads[0].person_id == world["person"].pk
    assert reads[0].actor_id == bob.pk
    assert reads[0].categories == {"identity"}
    api(bob).get(f"cases/{world['case'].pk}/")
    assert reads.count() == before + 2
    assert reads.first().case_id == world["case"].pk


def test_it_records_one_read_per_listed_row(world, alice, api):
    before = AuditEntry.objects.filter(action=AuditAction.READ).count()
    people = api(alice).get("people/").json()["results"]
    cases = api(alice).get("cases/").json()["results"]
    reads = AuditEntry.objects.filter(action=AuditAction.READ).order_by("id")
    assert people and cases
    assert reads.count() == before + len(people) + len(cases)
    listed = {(e.person_id, e.case_id) for e in reads[before:]}
    assert {(p["id"], None) for p in people} <= listed
