"""The queue over the API: same scope, same actions, refusals as 409."""

import datetime

from django.utils import timezone

from lotse.dedupe.models import CandidateStatus, MergeRecord
from lotse.testing import factories as f

DUPLICATES = "/api/v1/duplicates/"
MERGES = "/api/v1/merges/"


def test_it_lists_pairs_with_evidence_for_the_dpo(client, login, dora, pair, duplicate):
    login(dora)
    body = client.get(DUPLICATES).json()
    assert body["count"] == 1
    sides = {p["id"]: p for p in body["results"][0]["persons"]}
    assert sides[duplicate.pk]["birth_place"] == "Aleppo"
    assert sorted(sides[duplicate.pk]["nationalities"]) == ["LBN", "SYR"]


def test_it_lists_nothing_for_case_staff(client, login, alice, pair):
    login(alice)
    assert client.get(DUPLICATES).json()["count"] == 0
    assert client.get(f"{DUPLICATES}{pair.pk}/").status_code == 404
    response = client.post(
        f"{DUPLICATES}{pair.pk}/merge/",
        {"survivor": pair.person_a_id},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_it_merges_undoes_and_refuses_late_undo(client, login, dora, pair, survivor):
    login(dora)
    response = client.post(
        f"{DUPLICATES}{pair.pk}/merge/", {"survivor": survivor.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    merge_id = response.json()["id"]
    assert client.get(f"{MERGES}{merge_id}/").json()["survivor"] == survivor.pk
    assert client.post(f"{MERGES}{merge_id}/undo/").status_code == 200
    assert client.post(f"{MERGES}{merge_id}/undo/").status_code == 409
    # Merged again, then too late to undo.
    response = client.post(
        f"{DUPLICATES}{pair.pk}/merge/", {"survivor": survivor.pk}, content_type="application/json"
    )
    late = response.json()["id"]
    MergeRecord.objects.filter(pk=late).update(
        merged_at=timezone.now() - datetime.timedelta(days=31)
    )
    response = client.post(f"{MERGES}{late}/undo/")
    assert response.status_code == 409
    assert "30 days" in response.json()["detail"]


def test_it_refuses_a_survivor_outside_the_pair(client, login, dora, pair, caritas):
    login(dora)
    other = f.person(caritas, None, family_name="Fremd")
    response = client.post(
        f"{DUPLICATES}{pair.pk}/merge/", {"survivor": other.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "survivor" in response.json()


def test_it_marks_a_pair_distinct(client, login, dora, pair):
    login(dora)
    response = client.post(f"{DUPLICATES}{pair.pk}/distinct/")
    assert response.status_code == 200
    assert response.json()["status"] == CandidateStatus.DISTINCT
    assert client.get(DUPLICATES).json()["count"] == 0


def test_it_records_the_reason_for_keeping_a_pair_apart(client, login, dora, pair):
    from lotse.audit.models import AuditEntry

    login(dora)
    response = client.post(
        f"{DUPLICATES}{pair.pk}/distinct/", {"note": "Zwillinge"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert AuditEntry.objects.filter(changes__note="Zwillinge").count() == 2
