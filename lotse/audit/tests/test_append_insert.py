"""Appending writes every entry as given, in order, with its id, in batches if need be."""

import datetime

import pytest
from django.db import connection

from lotse.audit.log import Event, append, record_reads
from lotse.audit.models import AuditAction, AuditEntry
from lotse.audit.tests.helpers import audit_mark, entries_after, verify
from lotse.core.categories import DataCategory


def _events(count):
    return [
        Event(
            AuditAction.UPDATE if i % 2 else AuditAction.READ,
            "people.person",
            1000 + i,
            person_id=1000 + i,
            case_id=None if i % 3 else 70 + i,
            categories=frozenset({DataCategory.CASE_NOTES, "identity"} if i % 2 else {"health"}),
            changes={"family_name": ["Ä<b>", f"Ö & {i}"]} if i % 2 else {},
        )
        for i in range(count)
    ]


FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "organisation_id",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "case_id",
    "categories",
    "changes",
    "prev_hash",
    "hash",
)


@pytest.mark.parametrize("batch", [None, 2])
def test_it_stores_what_it_returns(alice, monkeypatch, batch):
    if batch:  # a database that takes few parameters a statement: several INSERTs
        monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: batch)
    mark = audit_mark()
    returned = append(alice, _events(5))
    stored = entries_after(mark)
    assert [e.pk for e in returned] == [e.pk for e in stored]
    assert [e.pk for e in stored] == sorted(e.pk for e in stored)
    for mine, theirs in zip(returned, stored, strict=True):
        assert not mine._state.adding
        assert {n: getattr(mine, n) for n in FIELDS} == {n: getattr(theirs, n) for n in FIELDS}
    assert stored[1].changes == {"family_name": ["Ä<b>", "Ö & 1"]}
    assert stored[1].categories == {"identity", "case_notes"}
    assert stored[0].at.tzinfo is not None
    assert abs(stored[0].at - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)
    assert "Audit trail intact" in verify()


def test_a_single_entry_and_a_list_page_chain_on(alice):
    mark = audit_mark()
    first = append(alice, _events(1))[0]
    reads = record_reads(alice, [(5, None, ["identity"]), (6, 9, ["identity", "contact"])])
    stored = entries_after(mark)
    assert [e.pk for e in stored] == [first.pk, *(e.pk for e in reads)]
    assert stored[1].prev_hash == first.hash and stored[2].prev_hash == stored[1].hash
    assert AuditEntry.objects.get(pk=reads[1].pk).case_id == 9
    verify()  # raises when the chain is broken


def test_the_plain_insert_knows_every_column_of_an_entry():
    """The INSERT writes each concrete field's value as prepared by the field, but
    without pre_save() or database defaults: a new field (auto_now_add, db_default,
    another custom type) must be looked at in lotse.audit.log._insert first."""
    from django.db.models.fields import NOT_PROVIDED

    fields = [
        (f.name, type(f).__name__) for f in AuditEntry._meta.concrete_fields if not f.primary_key
    ]
    assert fields == [
        ("at", "DateTimeField"),
        ("actor", "ForeignKey"),
        ("actor_name", "CharField"),
        ("organisation", "ForeignKey"),
        ("action", "CharField"),
        ("object_type", "CharField"),
        ("object_id", "CharField"),
        ("person_id", "BigIntegerField"),
        ("case_id", "BigIntegerField"),
        ("categories", "CategoriesField"),
        ("changes", "JSONField"),
        ("prev_hash", "CharField"),
        ("hash", "CharField"),
    ]
    for field in AuditEntry._meta.concrete_fields:
        assert field.db_default is NOT_PROVIDED, field.name
        assert not getattr(field, "auto_now", False), field.name
        assert not getattr(field, "auto_now_add", False), field.name
