"""Synthetic follow-ups for the cases in the database: open ones around today,
some done, each assigned to one of the case's managers.

Runs after the persons and cases are written, over every open case that has
no follow-up yet, so a second `synth` run adds tasks only for its new cases.
PostgreSQL gets the rows by COPY (like lotse.synth.writer), other databases
by bulk_create. Same seed, same cases, same day: same tasks.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from lotse.cases.choices import Phase
from lotse.cases.models import CaseManagerAssignment
from lotse.deadlines.actions import reminder_time
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task

TITLES = (
    "Bescheid Jobcenter prüfen",
    "Termin Ausländerbehörde vorbereiten",
    "Anmeldung Integrationskurs nachhalten",
    "Kita-Platz nachfragen",
    "Unterlagen Anerkennung vollständig?",
    "Rückmeldung Wohnungsamt",
    "Wiedervorlage Zielvereinbarung",
    "Nachfrage Schulanmeldung",
    "Antrag Wohngeld begleiten",
    "Gesprächstermin vereinbaren",
)
COLUMNS = (
    "case_id",
    "title",
    "note",
    "due_on",
    "remind_on",
    "assignee_id",
    "status",
    "completed_at",
    "reminder_due_at",
    "reminder_claim",
    "reminded_at",
    "created_by_id",
    "version",
    "created_at",
    "updated_at",
)
CHUNK = 20_000


def _rows(
    rng: random.Random, today: datetime.date, pairs: Iterator[tuple[int, int, datetime.date]]
) -> Iterator[tuple[Any, ...]]:
    now = timezone.now()
    for case_id, user_id, opened_on in pairs:
        # About two in three open cases have an open follow-up; some a done one too.
        for _n in range(rng.choices((0, 1, 2), weights=(35, 50, 15))[0]):
            due_on = max(opened_on, today + datetime.timedelta(days=rng.randint(-30, 60)))
            remind_on = due_on - datetime.timedelta(days=rng.choice((0, 0, 1, 3)))
            remind_on = max(remind_on, opened_on)
            done = due_on < today and rng.random() < 0.5
            owed = not done and remind_on >= today
            yield (
                case_id,
                rng.choice(TITLES),
                "",
                due_on,
                remind_on,
                user_id,
                TaskStatus.DONE if done else TaskStatus.OPEN,
                now if done else None,
                reminder_time(remind_on) if owed else None,
                "",
                None if owed or done else now,
                user_id,
                1,
                now,
                now,
            )


def _copy(rows: Sequence[tuple[Any, ...]]) -> None:
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    sql = f"COPY {connection.ops.quote_name(Task._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _bulk(rows: Sequence[tuple[Any, ...]]) -> None:
    Task.objects.bulk_create(
        [Task(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=2000
    )


def write_tasks(
    *, seed: int = 1, today: datetime.date | None = None, progress: Callable[[str], object] = print
) -> int:
    today = today or timezone.localdate()
    rng = random.Random(f"lotse-synth:{seed}:deadlines")  # noqa: S311 (synthetic, not secret)
    pairs = (
        CaseManagerAssignment.objects.exclude(case__phase=Phase.CLOSED)
        .filter(case__tasks__isnull=True)
        .order_by("case_id", "user_id")
        .values_list("case_id", "user_id", "case__opened_on")
    )
    write = _copy if connection.vendor == "postgresql" else _bulk
    written = 0
    chunk: list[tuple[Any, ...]] = []
    with transaction.atomic():
        for row in _rows(rng, today, pairs.iterator(chunk_size=CHUNK)):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                write(chunk)
                written += len(chunk)
                chunk = []
                progress(f"follow-ups {written}")
        if chunk:
            write(chunk)
            written += len(chunk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Task._meta.db_table)}")
    progress(f"follow-ups written: {written}")
    return written
