"""Plausible residence status histories for synthetic persons, as row tuples. Pure.

Each person's history is drawn from a generator of its own, seeded from the
chunk's state and the person's id, so adding these rows leaves every other
synthetic value exactly as before. Periods follow each other without overlap
(the database refuses overlaps).
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from lotse.residence.deadlines import add_months
from lotse.synth.draw import between

DAY = datetime.timedelta(days=1)
# § 104c: on 31.10.2022 five years of stay; permits granted 31.12.2022 to 31.12.2025.
CHANCEN_CUTOFF = datetime.date(2017, 10, 31)
CHANCEN_FIRST, CHANCEN_LAST = datetime.date(2023, 1, 15), datetime.date(2025, 12, 15)


def person_rng(chunk_seed: int, person_id: int) -> random.Random:
    return random.Random(f"lotse-synth-residence:{chunk_seed}:{person_id}")  # noqa: S311


def status_rows(
    rng: random.Random,
    person_id: int,
    arrived: datetime.date,
    today: datetime.date,
    stamp: datetime.datetime,
) -> list[tuple[Any, ...]]:
    """(person_id, kind, paragraph, from, until, office, number, obligation, work, version,
    created_at, updated_at) rows of one person, oldest first."""
    spans: list[tuple[str, str, datetime.date, datetime.date | None]] = []
    procedure_end = arrived + between(rng, 120, 720) * DAY
    if procedure_end >= today:
        spans.append(("gestattung", "", arrived, add_months(today, between(rng, 1, 6))))
    else:
        spans.append(("gestattung", "", arrived, procedure_end))
        start = procedure_end + DAY
        roll = rng.random()
        if roll < 0.45:
            spans += _permits(rng, start, today, "25 Abs. 2 AufenthG", 36)
        elif roll < 0.55 and arrived <= CHANCEN_CUTOFF:
            granted = min(max(start + 365 * DAY, CHANCEN_FIRST), CHANCEN_LAST)
            granted = granted + between(rng, 0, 300) * DAY
            granted = min(granted, CHANCEN_LAST, today)
            if granted > start:
                spans.append(("duldung", "", start, granted - DAY))
                spans.append(
                    (
                        "aufenthaltserlaubnis",
                        "104c AufenthG",
                        granted,
                        add_months(granted, 18) - DAY,
                    )
                )
            else:
                spans += _tolerated(rng, start, today)
        else:
            spans += _tolerated(rng, start, today)
    office = "Ausländerbehörde Musterkreis"
    return [
        (
            person_id,
            kind,
            paragraph,
            start,
            end,
            office,
            f"SYN{person_id:09d}{index}",
            kind in ("gestattung", "duldung", "duldung_60b"),
            "with_permission" if kind != "aufenthaltserlaubnis" else "allowed",
            1,
            stamp,
            stamp,
        )
        for index, (kind, paragraph, start, end) in enumerate(spans)
    ]


def _tolerated(
    rng: random.Random, start: datetime.date, today: datetime.date
) -> list[tuple[str, str, datetime.date, datetime.date | None]]:
    kind = "duldung_60b" if rng.random() < 0.15 else "duldung"
    # One long span, then the current Duldung of six months (renewed, ending soon).
    current_from = max(start, add_months(today, -between(rng, 0, 5)))
    spans: list[tuple[str, str, datetime.date, datetime.date | None]] = []
    if current_from > start:
        spans.append((kind, "", start, current_from - DAY))
    spans.append((kind, "", current_from, add_months(current_from, 6) - DAY))
    return spans


def _permits(
    rng: random.Random, start: datetime.date, today: datetime.date, paragraph: str, months: int
) -> list[tuple[str, str, datetime.date, datetime.date | None]]:
    spans: list[tuple[str, str, datetime.date, datetime.date | None]] = []
    while start <= today:
        end = add_months(start, months) - DAY
        spans.append(("aufenthaltserlaubnis", paragraph, start, end))
        start = end + DAY
        if len(spans) >= 2 and rng.random() < 0.5 and start <= today:
            spans.append(("niederlassungserlaubnis", "9 AufenthG", start, None))
            break
    return spans
