"""Synthetic contact log for the cases already generated: COPY on PostgreSQL.

Runs after the persons and cases are loaded (one line in `generate`). Each
case gets a few contacts between its opening and its closing (or today),
recorded by one of its managers. About one open case in six has had no
contact for more than half a year, so the dormant-case list has something to
show. Same seed, same cases, same contacts. No documents: their files would
only cost disk space and say nothing about query speed.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from lotse.cases.models import Case, CaseManagerAssignment
from lotse.contacts.models import Contact
from lotse.synth.draw import Weighted, between, pick

CHUNK = 20_000
COLUMNS = (
    "case_id",
    "occurred_on",
    "channel",
    "duration_minutes",
    "interpreter_language",
    "interpreter",
    "participants",
    "note",
    "recorded_by_id",
    "recorded_at",
)
CHANNELS = Weighted(
    [("in_person", 50), ("phone", 25), ("message", 12), ("home_visit", 8), ("video", 5)]
)
LANGUAGES = ("ar", "fa", "prs", "uk", "tr", "ku", "ti", "ru")
INTERPRETERS = ("Dolmetscherin S. Haddad", "Sprachmittler A. Karimi", "Frau O. Koval")
PARTICIPANTS = ("", "", "", "Ehefrau", "Ehemann", "Tochter", "Jobcenter", "Ehrenamtliche Patin")
NOTES = (
    "Antrag auf Bürgergeld gemeinsam ausgefüllt.",
    "Sprachkurs: Anmeldung bestätigt.",
    "Unterlagen für die Anerkennung gesichtet.",
    "Wohnungsbesichtigung vorbereitet.",
    "Termin bei der Ausländerbehörde besprochen.",
    "Kita-Anmeldung nachgefragt.",
    "Nachfrage zum Praktikum, läuft gut.",
    "Kurzer Anruf: Termin verschoben.",
    "",
)
DAY = datetime.timedelta(days=1)


def _cases() -> Iterator[tuple[int, datetime.date, datetime.date | None, int | None]]:
    manager = CaseManagerAssignment.objects.filter(case_id=OuterRef("pk")).order_by("id")
    rows = (
        Case.objects.order_by("id")
        .annotate(manager_id=Subquery(manager.values("user_id")[:1]))
        .values_list("id", "opened_on", "closed_on", "manager_id")
    )
    yield from rows.iterator(chunk_size=CHUNK)


def draw_contacts(
    rng: random.Random,
    case: tuple[int, datetime.date, datetime.date | None, int | None],
    today: datetime.date,
    now: datetime.datetime,
) -> list[tuple[Any, ...]]:
    case_id, opened, closed, manager = case
    end = closed or today
    span = (end - opened).days
    if span < 0:
        return []
    if closed is None and rng.random() < 0.16:
        # Dormant: the last contact lies half a year or more back (or there is none).
        end = today - datetime.timedelta(days=between(rng, 180, 400))
        if end < opened:
            return []
        span = (end - opened).days
    count = between(rng, 0, 6) if span > 30 else between(rng, 0, 2)
    rows = []
    for _ in range(count):
        day = opened + DAY * between(rng, 0, span)
        interpreted = rng.random() < 0.3
        rows.append(
            (
                case_id,
                day,
                CHANNELS.draw(rng),
                pick(rng, (10, 15, 20, 30, 30, 45, 60, 90)),
                pick(rng, LANGUAGES) if interpreted else "",
                pick(rng, INTERPRETERS) if interpreted else "",
                pick(rng, PARTICIPANTS),
                pick(rng, NOTES),
                manager,
                now,
            )
        )
    return rows


def write_contacts(
    seed: int, today: datetime.date, progress: Callable[[str], object] = print
) -> dict[str, int]:
    """Contacts for every case; returns rows written per table."""
    now = timezone.now()
    table = Contact._meta.db_table
    written = 0
    batch: list[tuple[Any, ...]] = []
    with transaction.atomic():
        for index, case in enumerate(_cases()):
            if index % CHUNK == 0:
                # One generator per chunk of cases: the same cases draw the same contacts.
                rng = random.Random(f"lotse-synth:{seed}:contacts:{index // CHUNK}")  # noqa: S311
            batch.extend(draw_contacts(rng, case, today, now))
            if len(batch) >= CHUNK:
                written += _write(table, batch)
                batch = []
                progress(f"contacts: {written} written ({index + 1} cases)")
        written += _write(table, batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    progress(f"contacts: {written} written")
    return {table: written}


def _write(table: str, rows: list[tuple[Any, ...]]) -> int:
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        Contact.objects.bulk_create(
            [Contact(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=2000
        )
        return len(rows)
    columns = ", ".join(COLUMNS)
    # A separate connection would not see the uncommitted cases; use this one's cursor.
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    return len(rows)
