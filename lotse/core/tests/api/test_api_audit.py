"""The audit trail through the API: data protection officers only, filtered, as CSV."""

import csv
import datetime
import io

from django.utils import timezone

from lotse.audit.log import record_read
from lotse.audit.models import AuditEntry
from lotse.cases.actions import do_update_case
from lotse.testing import factories as f


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_it_shows_the_dpo_the_trail_of_the_organisations_persons(world, carol, drk, dora, api):
    outsider = f.person(drk, carol)
    listed = api(dora).get("audit/").json()
    persons = {row["person"] for row in listed["results"]}
    assert persons == {world["person"].pk}
    assert outsider.pk not in persons
    assert listed["count"] == AuditEntry.objects.filter(person_id=world["person"].pk).count()


def test_it_gives_names_of_changed_fields_but_not_their_values(world, alice, dora, api):
    do_update_case(alice, world["case"], summary="Neuer vertraulicher Vermerk")
    rows = api(dora).get("audit/", {"action": "update"}).json()["results"]
    assert {row["action"] for row in rows} == {"update"}
    summary_change = next(r for r in rows if "summary" in r["changed_fields"])
    assert summary_change["object_type"] == "cases.case"
    assert "vertraulich" not in str(rows).lower()
    created = api(dora).get("audit/", {"action": "create"}).json()["results"]
    address = next(r for r in created if r["object_type"] == "people.address")
    assert "street" in address["changed_fields"]
    assert "Geheimweg" not in str(created)


def test_it_filters_by_person_actor_action_and_day(world, alice, bob, dora, caritas, api):
    second = f.person(caritas, alice, family_name="Rahimi")
    record_read(bob, person_id=world["person"].pk, categories=["identity"])
    client = api(dora)
    by_person = client.get("audit/", {"person": second.pk}).json()["results"]
    assert by_person and {r["person"] for r in by_person} == {second.pk}
    by_actor = client.get("audit/", {"actor": bob.pk}).json()["results"]
    assert [(r["actor"], r["action"]) for r in by_actor] == [(bob.pk, "read")]
    reads = client.get("audit/", {"action": "read"}).json()["results"]
    assert {r["action"] for r in reads} == {"read"}
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    assert client.get("audit/", {"since": today.isoformat()}).json()["count"] > 0
    assert client.get("audit/", {"since": tomorrow.isoformat()}).json()["count"] == 0
    yesterday = today - datetime.timedelta(days=1)
    assert client.get("audit/", {"until": yesterday.isoformat()}).json()["count"] == 0
    assert client.get("audit/", {"until": today.isoformat()}).json()["count"] > 0
    bad = client.get("audit/", {"since": today.isoformat(), "until": yesterday.isoformat()})
    assert bad.status_code == 400
    assert "until" in bad.json()
    assert client.get("audit/", {"action": "nonsense"}).status_code == 400


def test_it_exports_the_filtered_trail_as_csv(world, alice, bob, dora, api):
    record_read(bob, person_id=world["person"].pk, categories=["identity"])
    client = api(dora)
    everything = client.get("audit/export.csv")
    assert everything.status_code == 200
    assert everything["Content-Type"].startswith("text/csv")
    rows = csv_rows(everything)
    assert len(rows) == AuditEntry.objects.filter(person_id=world["person"].pk).count()
    ids = [int(r["id"]) for r in rows]
    assert ids == sorted(ids, reverse=True)
    by_bob = csv_rows(client.get("audit/export.csv", {"actor": bob.pk, "action": "read"}))
    assert [(r["actor"], r["action"], r["categories"]) for r in by_bob] == [
        (str(bob.pk), "read", "identity")
    ]
    assert client.get("audit/export.csv", {"since": "not-a-date"}).status_code == 400
    exports = AuditEntry.objects.filter(action="export", actor=dora)
    assert exports.count() == 2
    assert exports.first().changes["filters"][1] == {"actor": str(bob.pk), "action": "read"}


def test_it_neutralises_formulas_in_the_csv(world, dora, caritas, api):
    user = f.staff(caritas, username="=cmd")
    record_read(user, person_id=world["person"].pk, categories=["identity"])
    rows = csv_rows(api(dora).get("audit/export.csv", {"actor": user.pk}))
    assert rows[0]["actor_name"] == "'=cmd"


def test_it_refuses_the_trail_to_everyone_else(world, alice, bob, carol, adam, api):
    entry = AuditEntry.objects.filter(person_id=world["person"].pk).first()
    for user in (alice, bob, carol, adam):
        client = api(user)
        assert client.get("audit/").status_code == 403
        assert client.get("audit/export.csv").status_code == 403
        assert client.get(f"audit/{entry.pk}/").status_code == 404


def test_it_shows_one_entry_to_the_dpo_only_within_scope(world, dora, drk, carol, api):
    mine = AuditEntry.objects.filter(person_id=world["person"].pk).first()
    outsider = f.person(drk, carol)
    theirs = AuditEntry.objects.filter(person_id=outsider.pk).first()
    client = api(dora)
    assert client.get(f"audit/{mine.pk}/").json()["hash"] == mine.hash
    assert client.get(f"audit/{theirs.pk}/").status_code == 404


def test_it_keeps_the_trail_read_only(world, dora, api):
    entry = AuditEntry.objects.filter(person_id=world["person"].pk).first()
    before = AuditEntry.objects.count()
    dpo = api(dora)
    assert dpo.client.delete(f"/api/v1/audit/{entry.pk}/", **dpo.headers).status_code == 405
    assert dpo.client.post("/api/v1/audit/", {}, **dpo.headers).status_code == 405
    assert AuditEntry.objects.count() == before
    assert AuditEntry.objects.get(pk=entry.pk).hash == entry.hash
