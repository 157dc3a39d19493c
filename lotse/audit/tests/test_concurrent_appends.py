"""Two writers appending at once still leave one unbroken chain.

Each thread has its own database connection and commits every entry in its
own transaction, as two web workers would. Without the lock on the chain
head both would link to the same predecessor and `verify` would fail.
"""

import threading
from typing import Any

import pytest
from django.db import connection, transaction

from lotse.audit.log import record
from lotse.audit.models import AuditEntry
from lotse.audit.tests.helpers import verify
from lotse.people.actions import do_update_person
from lotse.testing import factories as f

WRITERS = 2
ENTRIES_EACH = 20


def _run_writers(target: Any) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        try:
            start.wait()
            for i in range(ENTRIES_EACH):
                target(number, i)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return errors


def _skip_on_sqlite_memory() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "SQLite's in-memory test database uses shared-cache table locks that fail at once "
            "instead of waiting, so two connections cannot write concurrently there; SQLite "
            "serialises writers with BEGIN IMMEDIATE anyway. Runs on PostgreSQL."
        )


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_chain_valid_under_concurrent_appends():
    _skip_on_sqlite_memory()

    def append(writer: int, i: int) -> None:
        with transaction.atomic():
            record(None, "read", object_type="people.person", object_id=f"{writer}-{i}")

    errors = _run_writers(append)

    assert errors == []
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) == WRITERS * ENTRIES_EACH
    assert len({e.prev_hash for e in entries}) == len(entries), "two entries share a predecessor"
    assert {e.object_id for e in entries} == {
        f"{w}-{i}" for w in range(WRITERS) for i in range(ENTRIES_EACH)
    }
    assert f"Audit trail intact: {WRITERS * ENTRIES_EACH} entries" in verify()


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_chain_valid_when_actions_run_concurrently():
    _skip_on_sqlite_memory()
    organisation = f.OrganisationFactory()
    people = [f.person(organisation) for _ in range(WRITERS)]
    before = AuditEntry.objects.count()

    def change(writer: int, i: int) -> None:
        do_update_person(None, people[writer], birth_place=f"Ort {i}")

    errors = _run_writers(change)

    assert errors == []
    assert AuditEntry.objects.count() == before + WRITERS * ENTRIES_EACH
    verify()
