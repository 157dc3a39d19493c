"""CSV export of the audit trail, streamed so that a long trail needs little memory."""

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone

from lotse.audit.display import export_changes, persons_in_scope, values_readable
from lotse.audit.models import AuditEntry, AuditEntryQuerySet
from lotse.core.categories import ordered

COLUMNS = [
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
CHUNK = 2000
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like sink for csv.writer that hands each row back for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_filename() -> str:
    return f"audit-{timezone.localtime():%Y%m%d-%H%M}.csv"


def _chunks(entries: AuditEntryQuerySet) -> Iterator[list[AuditEntry]]:
    chunk: list[AuditEntry] = []
    for entry in entries.iterator(chunk_size=CHUNK):
        chunk.append(entry)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def entry_cells(entry: AuditEntry, readable: bool) -> list[Any]:
    return [
        entry.pk,
        timezone.localtime(entry.at).isoformat(),
        entry.actor_name,
        entry.organisation.name if entry.organisation_id and entry.organisation else "",
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.person_id if entry.person_id is not None else "",
        entry.case_id if entry.case_id is not None else "",
        ",".join(ordered(entry.categories or ())),
        json.dumps(export_changes(entry, readable), ensure_ascii=False, sort_keys=True),
        entry.hash,
    ]


def stream_csv(user: Any, entries: AuditEntryQuerySet) -> Iterable[str]:
    writer = csv.writer(Echo())
    yield "\ufeff"  # Byte-order mark: spreadsheet programs then read UTF-8 correctly.
    yield writer.writerow(COLUMNS)
    for chunk in _chunks(entries):
        # One scope query per chunk, not per row.
        persons = persons_in_scope(user, (e.person_id for e in chunk))
        for entry in chunk:
            cells = entry_cells(entry, values_readable(entry, persons))
            yield writer.writerow([csv_cell(c) for c in cells])
