"""CSV export of the DPO's audit trail: same scope and filters as the page, and audited itself."""

import csv
import io
import json

from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.audit.tests.helpers import audit_mark, entries_after, verify
from lotse.people.actions import do_update_person
from lotse.testing import factories as f

HEADER = [
    "id",
    "time",
    "user",
    "organisation",
    "action",
    "object type",
    "object id",
    "person",
    "case",
    "categories",
    "changes",
    "hash",
]


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADER
    return [dict(zip(HEADER, row, strict=True)) for row in rows[1:]]


def test_it_exports_the_filtered_trail(client, login, dora, caritas, trail):
    login(dora)
    query = {"person": trail.amina.pk, "action": "update", "date_from": "2026-03-09"}
    rows = _csv(client.get(reverse("audit:export"), query))

    renamed, summary = trail.alice_renames_amina, trail.alice_writes_summary
    assert [int(r["id"]) for r in rows] == [summary.pk, renamed.pk]  # newest first
    row = rows[1]
    assert (row["user"], row["organisation"], row["action"]) == ("alice", caritas.name, "update")
    assert (row["object type"], row["object id"]) == ("people.person", str(trail.amina.pk))
    assert (row["person"], row["case"], row["categories"]) == (str(trail.amina.pk), "", "identity")
    assert json.loads(row["changes"]) == {"family_name": ["Haddad", "Hadad"]}
    assert row["hash"] == renamed.hash
    assert row["time"].startswith(str(renamed.at.year))
    # Case notes stay withheld in the export as on the page.
    assert rows[0]["case"] == str(trail.case.pk)
    assert json.loads(rows[0]["changes"]) == {"summary": "not released", "version": "not released"}
    assert "Stadtkasse" not in json.dumps(rows)


def test_it_exports_only_the_dpos_scope(client, login, dora, trail):
    login(dora)
    mark = audit_mark()
    rows = _csv(client.get(reverse("audit:export")))
    exported = {int(r["id"]) for r in rows}
    (export_entry,) = entries_after(mark)
    assert exported == trail.in_scope() | {export_entry.pk}
    assert trail.carol_reads_yusuf.pk not in exported


def test_it_records_the_export_in_the_audit_trail(client, login, dora, caritas, trail):
    login(dora)
    mark = audit_mark()
    _csv(client.get(reverse("audit:export"), {"user": "bob", "category": "identity"}))

    (entry,) = entries_after(mark)
    assert (entry.action, entry.object_type) == ("export", "audit.auditentry")
    assert (entry.actor_id, entry.organisation_id) == (dora.pk, caritas.pk)
    assert entry.changes == {"filters": [None, {"user": "bob", "category": "identity"}]}
    verify()


def test_it_refuses_a_case_manager_and_records_nothing(client, login, alice, trail):
    login(alice)
    mark = audit_mark()
    assert client.get(reverse("audit:export")).status_code == 404
    assert entries_after(mark) == []


def test_it_exports_nothing_for_invalid_filters(client, login, dora, trail):
    login(dora)
    mark = audit_mark()
    response = client.get(reverse("audit:export"), {"date_from": "gestern"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("audit:index"))
    assert entries_after(mark) == []


def test_it_defuses_spreadsheet_formulas(client, login, dora, alice, caritas):
    person = f.person(caritas, alice)
    do_update_person(alice, person, family_name="=HYPERLINK(1)")
    login(dora)
    rows = _csv(client.get(reverse("audit:export"), {"action": "update"}))
    (row,) = rows
    assert json.loads(row["changes"])["family_name"][1] == "=HYPERLINK(1)"
    assert AuditEntry.objects.filter(action="update").count() == 1


def test_it_defuses_formulas_in_names(client, login, dora, caritas):
    sneaky = f.staff(caritas, username="=cmd")
    person = f.person(caritas, sneaky)
    assert person.pk
    login(dora)
    rows = _csv(client.get(reverse("audit:export"), {"user": "=cmd"}))
    assert rows and all(r["user"] == "'=cmd" for r in rows)
