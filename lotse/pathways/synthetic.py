"""Synthetic facts documents for the pathway benchmark: varied, deterministic for a
seed, and valid against the contract (no personal data, no database)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import Any

EPOCH = datetime.date(2011, 1, 1)
AS_OF_DAYS = (
    datetime.date(2023, 6, 1),
    datetime.date(2025, 3, 15),
    datetime.date(2025, 12, 31),
    datetime.date(2026, 11, 21),
    datetime.date(2027, 4, 1),
)
KINDS = (
    ("gestattung", 30),
    ("duldung", 35),
    ("duldung_60b", 6),
    ("aufenthaltserlaubnis", 20),
    ("niederlassungserlaubnis", 3),
    ("blaue_karte", 1),
    ("none", 5),
)
PARAGRAPHS = (
    "25 Abs. 1 AufenthG",
    "25 Abs. 2 AufenthG",
    "25 Abs. 3 AufenthG",
    "25 Abs. 5 AufenthG",
    "104c AufenthG",
    "25a AufenthG",
    "25b AufenthG",
    "16a AufenthG",
    "18a AufenthG",
    "23 Abs. 1 AufenthG",
)
FLAGS = (
    "identity_deception",
    "fdgo_commitment",
    "civic_knowledge",
    "naturalisation_test_passed",
    "living_with_minor_child",
    "integration_course_obliged",
    "integration_course_completed",
)


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    span = max((last - first).days, 0)
    return first + datetime.timedelta(days=rng.randint(0, span))


def _maybe_bool(rng: random.Random, yes: float) -> bool | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    return roll < 0.1 + 0.9 * yes


def _periods(
    rng: random.Random, entry: datetime.date, as_of: datetime.date
) -> list[dict[str, Any]]:
    kinds, weights = zip(*KINDS, strict=True)
    periods: list[dict[str, Any]] = []
    start = entry
    for index in range(rng.randint(1, 6)):
        kind = rng.choices(kinds, weights)[0] if index else "gestattung"
        length = rng.randint(20, 1400)
        end = start + datetime.timedelta(days=length)
        entry_dict: dict[str, Any] = {
            "kind": kind,
            "from": start.isoformat(),
            "to": end.isoformat(),
        }
        if kind in ("aufenthaltserlaubnis", "blaue_karte"):
            entry_dict["paragraph"] = (
                "18g AufenthG" if kind == "blaue_karte" else rng.choice(PARAGRAPHS)
            )
        periods.append(entry_dict)
        # Mostly seamless, sometimes a short or a long interruption.
        gap = rng.choices((0, rng.randint(1, 92), rng.randint(93, 400)), (80, 15, 5))[0]
        start = end + datetime.timedelta(days=1 + gap)
        if start > as_of:
            break
    if rng.random() < 0.7:
        periods[-1]["to"] = None
    return periods


def _spans(
    rng: random.Random, first: datetime.date, as_of: datetime.date, count: int
) -> list[tuple[str, str | None]]:
    spans = []
    for _ in range(count):
        start = _day(rng, first, as_of)
        end = None if rng.random() < 0.5 else start + datetime.timedelta(days=rng.randint(30, 900))
        spans.append((start.isoformat(), end.isoformat() if end else None))
    return spans


def document(rng: random.Random) -> dict[str, Any]:
    as_of = rng.choice(AS_OF_DAYS)
    entry = _day(rng, EPOCH, as_of - datetime.timedelta(days=60))
    birth = _day(rng, datetime.date(1960, 1, 1), datetime.date(2010, 12, 31))
    person: dict[str, Any] = {"birth_date": birth.isoformat(), "entry_date": entry.isoformat()}
    if rng.random() < 0.8:
        person["identity_clarified_on"] = _day(rng, entry, as_of).isoformat()
    for flag in FLAGS:
        value = _maybe_bool(rng, 0.15 if flag == "identity_deception" else 0.6)
        if value is not None:
            person[flag] = value
    doc: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "person": person,
        "status_periods": _periods(rng, entry, as_of),
    }
    if rng.random() < 0.85:
        doc["language_certificates"] = [
            {
                "level": rng.choice(("A1", "A2", "B1", "B2")),
                "oral_only": rng.random() < 0.3,
                "date": _day(rng, entry, as_of).isoformat(),
            }
            for _ in range(rng.randint(0, 2))
        ]
    if rng.random() < 0.6:
        doc["schooling"] = {
            "years_successful_in_germany": rng.randint(0, 6),
            "german_qualification": rng.random() < 0.3,
        }
    if rng.random() < 0.9:
        doc["employment"] = [
            {
                "from": start,
                "to": end,
                "hours_per_week": rng.choice((10, 20, 30, 39)),
                "social_insurance": rng.random() < 0.85,
            }
            for start, end in _spans(rng, entry, as_of, rng.randint(0, 3))
        ]
    if rng.random() < 0.9:
        doc["benefits"] = [
            {
                "type": rng.choice(("sgb2", "sgb12", "asylblg", "wohngeld", "kindergeld")),
                "from": start,
                "to": end,
            }
            for start, end in _spans(rng, entry, as_of, rng.randint(0, 3))
        ]
    if rng.random() < 0.7:
        doc["livelihood_secured"] = rng.random() < 0.6
    if rng.random() < 0.9:
        doc["convictions"] = [
            {
                "date": _day(rng, entry, as_of).isoformat(),
                "daily_rates": rng.choice((10, 30, 60, 120)),
                "prison_months": rng.choice((0, 0, 0, 2, 8)),
                "juvenile_sanction_only": rng.random() < 0.2,
                "foreigner_specific_offence": rng.random() < 0.3,
            }
            for _ in range(rng.choices((0, 1, 2), (85, 12, 3))[0])
        ]
    if rng.random() < 0.9:
        doc["children"] = [
            {
                "birth_date": _day(rng, birth, as_of).isoformat(),
                "attends_school": rng.random() < 0.9,
            }
            for _ in range(rng.choices((0, 1, 2, 3), (50, 20, 20, 10))[0])
        ]
    return doc


def documents(count: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    for _ in range(count):
        yield document(rng)
