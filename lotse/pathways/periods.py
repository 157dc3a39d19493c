"""Calendar arithmetic for qualifying periods.

Periods in years and months are counted as the German civil code counts them
(BGB § 187 Abs. 2, § 188 Abs. 2 and 3), which residence and nationality law
follow: a period that begins on day D ends with the day before the day of the
same number in the final month; when that month has no such day (a stay
beginning on 31 May or on 29 February), it ends with the month's last day.
`completes(start, years, months)` is the first day after the period, the day
from which it lies fully behind the person: a stay beginning on 2016-03-01
completes six years on 2022-03-01, one beginning on 2016-02-29 also on
2022-03-01, one beginning on 2016-02-28 on 2022-02-28.

Uninterrupted periods ("seit ... ununterbrochen") come from the status
history. Each status period is treated, per pathway, as one of:

- COUNT: the time counts towards the period;
- NEUTRAL: the time neither counts nor interrupts (a § 60b Duldung for
  § 25a/§ 25b: § 60b Abs. 5 S. 1 AufenthG excludes it from the prior periods,
  but the person stays tolerated);
- BREAK: the time interrupts, like days the history does not cover at all.

An interruption between two counted stretches does not break the period when
it lasts at most three calendar months (BMI application notes on § 25b:
"Kurzfristige Unterbrechungen ... von bis zu drei Monaten sind unschädlich"):
`n` interrupting days beginning on day G are tolerated when G + n days is no
later than `completes(G, months=3)`. An interruption starting 2020-02-01 may
therefore last until 2020-04-30 (exactly three months, tolerated), not until
2020-05-01 (three months and one day). Interrupting days separated by NEUTRAL
periods are added up as if they were one stretch beginning on the first of
them.

Which status kinds count for which period (C count, N neutral, B break):

| period                                  | gestattung | duldung | duldung_60b | AE, NE, Blue Card | none |
| --------------------------------------- | ---------- | ------- | ----------- | ----------------- | ---- |
| § 104c stay on 31.10.2022 (Abs. 1 S. 3) | C          | C       | C           | C                 | B    |
| §§ 25a, 25b stay (§ 60b Abs. 5 S. 1)    | C          | C       | N, C (1)    | C                 | B    |
| toleration: § 25a, § 60c, § 60d         | B          | C       | N           | B                 | B    |
| § 10 StAG lawful residence              | C (2)/B    | B       | B           | C                 | B    |

(1) C for a person holding a § 104c permit on the evaluation day.
(2) C only before a later permit under § 25 Abs. 1 or 2 AufenthG (§ 55 Abs. 3 AsylG).
Employment for § 60d (subject to social insurance, at least 20 hours a week)
counts only without any gap (`tolerance_months=0`).

Tolerated interruptions keep the earlier time but do not count themselves
(§ 85 AufenthG: "außer Betracht bleiben"): the period's effective start moves
later by every uncounted day inside it. Only facts up to the evaluation date
count; for a period still running on that date, the projection assumes it
runs on ("if nothing else changes").
"""

from __future__ import annotations

import calendar
import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Final, Protocol, TypeVar

ONE_DAY: Final = datetime.timedelta(days=1)
GAP_TOLERANCE_MONTHS: Final = 3


class Treatment(Enum):
    COUNT = "count"
    NEUTRAL = "neutral"
    BREAK = "break"


class Span(Protocol):
    @property
    def start(self) -> datetime.date: ...

    @property
    def end(self) -> datetime.date | None: ...


_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


_S = TypeVar("_S", bound=Span)


def completes(start: datetime.date, years: int = 0, months: int = 0) -> datetime.date:
    """The first day after a period of `years` and `months` beginning on `start`."""
    total = start.year * 12 + start.month - 1 + years * 12 + months
    year, month = divmod(total, 12)
    day = start.day
    # Days 1-28 exist in every month; only the month ends need the calendar.
    if day > 28:
        last = 29 if month == 1 and calendar.isleap(year) else _MONTH_DAYS[month]
        if day > last:
            # BGB § 188 Abs. 3: the corresponding day is missing, the period ends with the month.
            return datetime.date(year, month + 1, last) + ONE_DAY
    return datetime.date(year, month + 1, day)


def full_months(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from `start` up to and including `end` (0 if end < start)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and completes(start, months=months) > end + ONE_DAY:
        months -= 1
    while completes(start, months=months + 1) <= end + ONE_DAY:
        months += 1
    return months


def tolerated(first_day: datetime.date, days: int, months: int = GAP_TOLERANCE_MONTHS) -> bool:
    """Whether `days` interrupting days beginning on `first_day` leave the period unbroken."""
    return days <= (completes(first_day, months=months) - first_day).days


@functools.lru_cache(maxsize=2048)
def german_duration(months: int, *, dative: bool = False) -> str:
    """'5 Jahre 7 Monate', or in the dative after 'von': '6 Jahren', '12 Monaten'."""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} {'Jahr' if years == 1 else ('Jahren' if dative else 'Jahre')}")
    if rest:
        parts.append(f"{rest} {'Monat' if rest == 1 else ('Monaten' if dative else 'Monate')}")
    return " ".join(parts) if parts else "weniger als 1 Monat"


@dataclass(slots=True)
class Stretch:
    """Consecutive counted days; `skipped_before` uncounted days separate it from
    the previous stretch of the same chain."""

    start: datetime.date
    end: datetime.date
    skipped_before: int


class Chain:
    """The uninterrupted period alive on the evaluation date. Several pathways share
    one chain, so its derived figures are computed once."""

    __slots__ = ("_months", "as_of", "ongoing", "stretches")

    def __init__(self, stretches: tuple[Stretch, ...], ongoing: bool, as_of: datetime.date) -> None:
        self.stretches = stretches
        # The counted time still grows: the status held on the evaluation date counts.
        self.ongoing = ongoing
        self.as_of = as_of
        self._months: int | None = None

    @property
    def effective_start(self) -> datetime.date | None:
        if not self.stretches:
            return None
        skipped = sum(s.skipped_before for s in self.stretches)
        return self.stretches[0].start + datetime.timedelta(days=skipped)

    @property
    def last_counted(self) -> datetime.date | None:
        return self.stretches[-1].end if self.stretches else None

    @property
    def behind(self) -> datetime.date | None:
        """The last counted day that lies fully behind the person: the evaluation
        day itself is not over yet, so a period ending on it completes tomorrow."""
        if not self.stretches:
            return None
        return min(self.stretches[-1].end, self.as_of - ONE_DAY)

    def counted_months(self) -> int:
        if self._months is None:
            start, end = self.effective_start, self.behind
            self._months = 0 if start is None or end is None else full_months(start, end)
        return self._months

    def met(self, years: int = 0, months: int = 0) -> bool:
        """Whether the counted time reaches `years` and `months` on the evaluation day."""
        completion = self.completion(years, months)
        return completion is not None and completion <= self.as_of

    def completion(self, years: int = 0, months: int = 0) -> datetime.date | None:
        """The day the chain holds `years` and `months` of counted time: in the past,
        or projected when the chain is ongoing; None if it will not get there."""
        if not self.stretches:
            return None
        effective = self.stretches[0].start
        last = len(self.stretches) - 1
        for index, stretch in enumerate(self.stretches):
            if stretch.skipped_before:
                effective += datetime.timedelta(days=stretch.skipped_before)
            target = max(completes(effective, years, months), stretch.start)
            if target - ONE_DAY <= stretch.end or (index == last and self.ongoing):
                return target
        return None


def build_chain(
    periods: Iterable[_S],
    treatment: Callable[[_S], Treatment],
    as_of: datetime.date,
    *,
    tolerance_months: int = GAP_TOLERANCE_MONTHS,
) -> Chain:
    """The uninterrupted period of `periods` (sorted, not overlapping) alive on `as_of`."""
    stretches: list[Stretch] = []
    # Since the last counted day: the first interrupting day, the interrupting days,
    # and all uncounted days (interrupting and neutral).
    gap_first: datetime.date | None = None
    gap_days = 0
    skipped = 0
    last_day = datetime.date.min
    last_treatment = Treatment.BREAK
    for period in periods:
        start = period.start
        if start > as_of:
            break
        end = period.end
        if end is None or end > as_of:
            end = as_of
        kind = treatment(period)
        if stretches:
            uncovered = (start - last_day).days - 1
            if uncovered > 0:
                if gap_first is None:
                    gap_first = last_day + ONE_DAY
                gap_days += uncovered
                skipped += uncovered
        if kind is Treatment.COUNT:
            if (
                stretches
                and gap_first is not None
                and not tolerated(gap_first, gap_days, tolerance_months)
            ):
                stretches = []
            if stretches and skipped == 0:
                # Seamless continuation of the last stretch (a new permit, say).
                stretches[-1].end = end
            else:
                stretches.append(Stretch(start, end, skipped if stretches else 0))
            gap_first, gap_days, skipped = None, 0, 0
        elif stretches:
            days = (end - start).days + 1
            skipped += days
            if kind is Treatment.BREAK:
                if gap_first is None:
                    gap_first = start
                gap_days += days
        last_day = end
        last_treatment = kind
    if not stretches:
        return Chain((), False, as_of)
    if last_day < as_of:
        if gap_first is None:
            gap_first = last_day + ONE_DAY
        gap_days += (as_of - last_day).days
    if gap_first is not None and not tolerated(gap_first, gap_days, tolerance_months):
        return Chain((), False, as_of)
    ongoing = last_day == as_of and last_treatment is Treatment.COUNT
    return Chain(tuple(stretches), ongoing, as_of)


def overlaps(span: Span, first: datetime.date, last: datetime.date) -> bool:
    """Whether `span` shares a day with first..last (inclusive)."""
    return span.start <= last and (span.end is None or span.end >= first)


def covers(span: Span, day: datetime.date) -> bool:
    return overlaps(span, day, day)


@dataclass(slots=True)
class Interval:
    start: datetime.date
    end: datetime.date | None


def merge_spans(spans: Iterable[Span]) -> list[Interval]:
    """Overlapping or adjoining spans joined, in order (for spells that may overlap,
    like two jobs at once)."""
    merged: list[Interval] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged:
            last = merged[-1]
            if last.end is None:
                continue
            if span.start <= last.end + ONE_DAY:
                end = None if span.end is None else max(last.end, span.end)
                merged[-1] = Interval(last.start, end)
                continue
        merged.append(Interval(span.start, span.end))
    return merged
