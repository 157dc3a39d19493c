"""Releases from confidentiality through the API; bad ones change nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lotse.access.models import AccessGrant, Consent
from lotse.audit.models import AuditEntry
from lotse.testing import factories as f


def payload(world, recipients, **changes):
    data = {
        "person": world["person"].pk,
        "case": world["case"].pk,
        "text": f.consent_text().pk,
        "purpose": "Abstimmung mit der Ausländerbehörde",
        "recipients": [r.pk for r in recipients],
        "categories": ["identity", "residence"],
        "form": "written",
        "language": "ar",
        "interpreter": "Frau Nasser",
        "given_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
    }
    data.update(changes)
    return data


def snapshot():
    return (Consent.objects.count(), AccessGrant.objects.count(), AuditEntry.objects.count())


def test_it_lists_and_shows_consents_to_the_owner(world, alice, api):
    client = api(alice)
    listed = client.get("consents/", {"person": world["person"].pk}).json()
    assert [c["id"] for c in listed["results"]] == [world["consent"].pk]
    assert listed["results"][0]["categories"] == ["identity", "residence"]
    assert client.get("consents/", {"person": world["person"].pk + 1000}).json()["count"] == 0
    one = client.get(f"consents/{world['consent'].pk}/").json()
    assert one["status"] == "in_force"
    assert [r["name"] for r in one["recipients"]] == ["Jobcenter Musterkreis"]


def test_it_hides_consents_from_participants(world, bob, api):
    assert api(bob).get("consents/").json()["count"] == 0
    assert api(bob).get(f"consents/{world['consent'].pk}/").status_code == 404


def test_it_records_a_consent_sent_as_json(world, alice, drk, api):
    answer = api(alice).post("consents/", payload(world, [drk]))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["recipients"] == [{"id": drk.pk, "name": drk.name}]
    assert body["has_document"] is False
    assert Consent.objects.get(pk=body["id"]).recorded_by == alice


def test_it_records_a_consent_with_the_scanned_form(world, alice, drk, api, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    data = payload(world, [drk])
    data["document"] = SimpleUploadedFile("form.pdf", b"%PDF-1.4 test", "application/pdf")
    response = api(alice).post_multipart("consents/", data)
    assert response.status_code == 201, response.content
    assert response.json()["has_document"] is True
    consent = Consent.objects.get(pk=response.json()["id"])
    assert consent.document.name.startswith(f"consents/{world['person'].pk}/")
    assert consent.recipients.get() == drk


def test_it_refuses_recipients_without_categories(world, alice, drk, api):
    before = snapshot()
    answer = api(alice).post("consents/", payload(world, [drk], categories=[]))
    assert answer.status_code == 400
    assert list(answer.json()) == ["categories"]
    assert snapshot() == before


def test_it_refuses_an_end_before_the_start(world, alice, drk, api):
    before = snapshot()
    given = timezone.localdate() - datetime.timedelta(days=1)
    answer = api(alice).post(
        "consents/",
        payload(
            world,
            [drk],
            given_on=given.isoformat(),
            valid_until=(given - datetime.timedelta(days=1)).isoformat(),
        ),
    )
    assert answer.status_code == 400
    assert list(answer.json()) == ["valid_until"]
    assert snapshot() == before


def test_it_refuses_malformed_fields(world, alice, api):
    before = snapshot()
    answer = api(alice).post(
        "consents/",
        payload(world, [], categories=["gossip"], form="shouted", given_on="yesterday"),
    )
    assert answer.status_code == 400
    assert {"categories", "form", "given_on"} <= set(answer.json())
    assert snapshot() == before


def test_it_refuses_a_consent_for_a_person_the_user_does_not_keep(world, bob, drk, api):
    before = snapshot()
    answer = api(bob).post("consents/", payload(world, [drk]))
    assert answer.status_code == 400
    assert {"person", "case"} <= set(answer.json())
    assert snapshot() == before


def test_it_refuses_a_withdrawal_dated_in_the_future(world, alice, bob, api):
    before = snapshot()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    answer = api(alice).post(
        f"consents/{world['consent'].pk}/withdraw/", {"withdrawn_on": tomorrow.isoformat()}
    )
    assert answer.status_code == 400
    assert list(answer.json()) == ["withdrawn_on"]
    assert snapshot() == before
    world["consent"].refresh_from_db()
    assert world["consent"].withdrawn_on is None
    assert api(bob).get(f"cases/{world['case'].pk}/").status_code == 200


def test_it_refuses_a_second_withdrawal(world, alice, api):
    client = api(alice)
    today = timezone.localdate().isoformat()
    url = f"consents/{world['consent'].pk}/withdraw/"
    assert client.post(url, {"withdrawn_on": today}).status_code == 200
    again = client.post(url, {"withdrawn_on": today})
    assert again.status_code == 400
    assert "non_field_errors" in again.json()
