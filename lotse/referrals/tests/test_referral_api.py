"""Referrals and hand-overs through the API: answers checked against the committed schema."""

import uuid

from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.core.tests.api.conftest import Api
from lotse.referrals.models import Referral


def _body(case, jobcentre, key=None):
    return {
        "case": case.pk,
        "recipient": jobcentre.pk,
        "request": "Bitte um Beratung.",
        "categories": ["identity"],
        "idempotency_key": str(key or uuid.uuid4()),
    }


def test_it_sends_once_per_key_and_refuses_without_release(alice_case, jobcentre, alice, release):
    api = Api(alice)
    key = uuid.uuid4()
    first = api.post("referrals/", _body(alice_case, jobcentre, key))
    again = api.post("referrals/", _body(alice_case, jobcentre, key))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    body = {**_body(alice_case, jobcentre), "categories": ["health"]}
    refused = api.post("referrals/", body)
    assert refused.status_code == 400
    assert "record a release" in refused.json()["categories"][0]
    assert Referral.objects.count() == 1


def test_it_answers_through_the_api_and_the_sender_sees_it(sent, alice, bob):
    receiver = Api(bob)
    inbox = receiver.get("referrals/", {"box": "inbox"}).json()["results"]
    assert [row["id"] for row in inbox] == [sent.pk]
    assert inbox[0]["person_name"] == sent.person.display_name
    moved = receiver.post(f"referrals/{sent.pk}/move/", {"to": "accepted", "expected_version": 1})
    assert moved.status_code == 200
    stale = receiver.post(f"referrals/{sent.pk}/move/", {"to": "done", "expected_version": 1})
    assert stale.status_code == 409
    done = receiver.post(f"referrals/{sent.pk}/move/", {"to": "done", "expected_version": 2})
    assert done.json()["status"] == "done"
    mine = Api(alice).get(f"referrals/{sent.pk}/").json()
    assert mine["status"] == "done"
    assert mine["is_sender"] is True


def test_it_withholds_the_person_after_a_withdrawal(sent, alice, bob, release):
    do_withdraw_consent(alice, release, withdrawn_on=timezone.localdate())
    row = Api(bob).get(f"referrals/{sent.pk}/").json()
    assert row["release_state"] == "withdrawn"
    assert row["person_name"] is None
    assert row["request"] is None
    assert row["released_categories"] == []


def test_it_refuses_accepting_a_withdrawn_referral(sent, alice, bob):
    Api(alice).post(f"referrals/{sent.pk}/move/", {"to": "withdrawn", "expected_version": 1})
    answer = Api(bob).post(f"referrals/{sent.pk}/move/", {"to": "accepted", "expected_version": 2})
    assert answer.status_code == 400
    assert "withdrew this referral" in str(answer.json())


def test_it_hides_referrals_from_outsiders(sent, carol):
    api = Api(carol)
    assert api.get(f"referrals/{sent.pk}/").status_code == 404
    assert api.get("referrals/").json()["results"] == []


def test_it_hands_a_case_over_through_the_api(alice_case, jobcentre, alice, bob):
    asked = Api(alice).post("handovers/", {"case": alice_case.pk, "to_organisation": jobcentre.pk})
    assert asked.status_code == 201
    handover = asked.json()["id"]
    assert Api(alice).post(f"handovers/{handover}/answer/", {"accept": True}).status_code == 403
    accepted = Api(bob).post(f"handovers/{handover}/answer/", {"accept": True})
    assert accepted.json()["status"] == "accepted"
    alice_case.refresh_from_db()
    assert alice_case.organisation == jobcentre
