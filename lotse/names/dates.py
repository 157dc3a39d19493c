"""Dates of birth as evidence: partial dates, the 1 January placeholder, swapped day and month."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class BirthDate:
    date: datetime.date
    precision: str  # DAY, MONTH or YEAR

    @property
    def evidence(self) -> str:
        """The precision that counts: 1 January says only the year (German placeholder)."""
        if self.precision == DAY and (self.date.month, self.date.day) == (1, 1):
            return YEAR
        return self.precision


def parse_birth_date(text: str) -> BirthDate:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError naming what is wrong."""
    match = _PARTIAL.match((text or "").strip())
    if not match:
        raise ValueError(f"date of birth must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    year, month, day = match.groups()
    try:
        date = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"no such date of birth: {text!r}") from exc
    return BirthDate(date, DAY if day else MONTH if month else YEAR)


def stored_birth_date(
    date: datetime.date | None, precision: str, placeholder: bool
) -> BirthDate | None:
    if date is None or precision == UNKNOWN:
        return None
    if placeholder and precision == DAY:
        precision = YEAR
    return BirthDate(date, precision)


def birth_date_score(query: BirthDate, stored: BirthDate | None) -> float | None:
    """0..1 how strongly the dates agree; None when they rule each other out (another year).

    An unknown stored date is no evidence either way (0). Only what both
    dates say is compared: a year-only or placeholder date agrees by year.
    """
    if stored is None:
        return 0.0
    if query.date.year != stored.date.year:
        return None
    precision = YEAR if YEAR in (query.evidence, stored.evidence) else None
    if precision is None and MONTH in (query.evidence, stored.evidence):
        precision = MONTH
    if precision == YEAR:
        return 0.5
    q, s = query.date, stored.date
    if precision == MONTH:
        return 0.8 if q.month == s.month else 0.1
    if (q.month, q.day) == (s.month, s.day):
        return 1.0
    if (q.month, q.day) == (s.day, s.month):
        return 0.8  # day and month swapped between the records
    if q.month == s.month:
        return 0.3
    return 0.1
