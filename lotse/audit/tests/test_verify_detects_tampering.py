"""`lotse audit verify`: an intact chain passes; changed, removed or cut-off entries are named.

Tampering is done the way an attacker with database access would: raw SQL
past the ORM. On PostgreSQL a trigger refuses even that, so the tests first
show the refusal and then switch the trigger off inside the test transaction
(rolled back afterwards) to show that the chain still catches the change.
"""

import json

import pytest
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from lotse.audit.log import record, record_read
from lotse.audit.models import AuditEntry
from lotse.audit.tests.helpers import on_postgresql, verify
from lotse.people.actions import do_update_person
from lotse.testing import factories as f

TRIGGER = "audit_auditentry_append_only"


@pytest.fixture
def trail(caritas, alice):
    """A short trail: a person created, read, changed, read again."""
    person = f.person(caritas, alice)
    record_read(alice, person_id=person.pk, categories=["identity"])
    do_update_person(alice, person, family_name="Hadad")
    record_read(alice, person_id=person.pk, categories=["identity", "contact"])
    return list(AuditEntry.objects.order_by("id"))


def _execute(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _json_param() -> str:
    return "%s::jsonb" if on_postgresql() else "%s"


def _allow_raw_tampering() -> None:
    """On PostgreSQL show that the database refuses, then disable the trigger (this test only)."""
    if not on_postgresql():
        return
    entry = AuditEntry.objects.order_by("id").first()
    assert entry is not None
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _execute("UPDATE audit_auditentry SET object_id = %s WHERE id = %s", ["x", entry.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).object_id == entry.object_id
    _execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {TRIGGER}", [])


def test_it_reports_an_intact_chain(trail):
    output = verify()
    assert f"Audit trail intact: {len(trail)} entries" in output
    assert trail[-1].hash in output


def test_it_reports_an_empty_trail_as_intact(db):
    assert "Audit trail intact: 0 entries" in verify()


def test_it_names_an_entry_whose_changes_were_rewritten(trail):
    changed = next(e for e in trail if e.action == "update")
    _allow_raw_tampering()
    forged = json.dumps({"family_name": ["Haddad", "Mustermann"]})
    _execute(
        f"UPDATE audit_auditentry SET changes = {_json_param()} WHERE id = %s",
        [forged, changed.pk],
    )
    assert AuditEntry.objects.get(pk=changed.pk).changes["family_name"][1] == "Mustermann"

    with pytest.raises(CommandError, match=rf"entry {changed.pk}: content does not match"):
        verify()


def test_it_names_an_entry_whose_actor_was_rewritten(trail, carol):
    read = trail[1]
    _allow_raw_tampering()
    _execute(
        "UPDATE audit_auditentry SET actor_id = %s, actor_name = %s WHERE id = %s",
        [carol.pk, "carol", read.pk],
    )
    with pytest.raises(CommandError, match=rf"entry {read.pk}: content does not match"):
        verify()


def test_it_detects_an_entry_removed_from_the_middle(trail):
    removed, following = trail[1], trail[2]
    _allow_raw_tampering()
    _execute("DELETE FROM audit_auditentry WHERE id = %s", [removed.pk])

    with pytest.raises(CommandError, match=rf"entry {following.pk}: link to the previous"):
        verify()


def test_it_detects_entries_cut_off_the_end(trail):
    _allow_raw_tampering()
    _execute("DELETE FROM audit_auditentry WHERE id = %s", [trail[-1].pk])

    with pytest.raises(CommandError, match=rf"entry {trail[-2].pk}: the newest entry is not"):
        verify()


def test_it_detects_a_trail_emptied_completely(trail):
    _allow_raw_tampering()
    _execute("DELETE FROM audit_auditentry", [])

    with pytest.raises(CommandError, match="all entries were removed"):
        verify()


def test_it_detects_a_rehashed_entry_that_no_longer_links(trail):
    # A forger who recomputes the changed entry's own hash still breaks the next link.
    from lotse.audit.chain import link_hash
    from lotse.audit.log import hashed_fields

    changed = trail[1]
    _allow_raw_tampering()
    _execute("UPDATE audit_auditentry SET object_id = %s WHERE id = %s", ["999", changed.pk])
    forged = AuditEntry.objects.get(pk=changed.pk)
    new_hash = link_hash(forged.prev_hash, hashed_fields(forged))
    _execute("UPDATE audit_auditentry SET hash = %s WHERE id = %s", [new_hash, changed.pk])

    with pytest.raises(CommandError, match=rf"entry {trail[2].pk}: link to the previous"):
        verify()


def test_it_keeps_working_after_new_entries(trail):
    record(None, "sign_in", object_type="accounts.user", object_id=1)
    assert f"Audit trail intact: {len(trail) + 1} entries" in verify()


def test_it_verifies_entries_stamped_in_local_time(monkeypatch, db):
    # The database hands times back in UTC; the hash must not depend on the zone written.
    import datetime
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    import lotse.audit.log

    berlin = datetime.datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(lotse.audit.log, "timezone", SimpleNamespace(now=lambda: berlin))
    record(None, "read", object_type="people.person", object_id=1, person_id=1)
    monkeypatch.undo()
    assert AuditEntry.objects.get().at == berlin
    assert "Audit trail intact: 1 entries" in verify()


def test_it_detects_a_removed_chain_head(trail):
    from lotse.audit.models import AuditChainHead

    AuditChainHead.objects.all().delete()
    with pytest.raises(CommandError, match=rf"entry {trail[-1].pk}: the chain head is missing"):
        verify()
