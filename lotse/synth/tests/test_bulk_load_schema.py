"""A bulk load on PostgreSQL drops keys and indexes for speed and must restore them all."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from lotse.synth import tables
from lotse.synth.tests.helpers import small_run
from lotse.synth.writer import RowWriter

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY path is PostgreSQL only"),
]


def _schema() -> set[tuple[str, str]]:
    names = [t.db_table for t in tables.ALL_TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[])",
            [names],
        )
        constraints = set(cursor.fetchall())
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY(%s::regclass[])",
            [names],
        )
        return constraints | set(cursor.fetchall())


def test_it_restores_every_index_and_constraint():
    before = _schema()
    small_run(persons=40)
    assert _schema() == before


def test_it_rolls_back_the_schema_change_when_a_load_fails():
    before = _schema()
    writer = RowWriter()
    with pytest.raises(RuntimeError), transaction.atomic(), writer.bulk_load():
        raise RuntimeError("load failed")
    assert _schema() == before


def test_it_validates_loaded_rows_when_restoring_the_keys():
    writer = RowWriter()
    stamp = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    person_without_organisation = (
        10**9, "Test", "Person", None, "unknown", False, "", "", 10**9, None, stamp, stamp,
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic(), writer.bulk_load():
        writer.write_chunk({tables.PERSON: [person_without_organisation]})
