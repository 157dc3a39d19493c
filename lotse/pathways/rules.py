"""A pathway's rule set: its criteria and the days on which it takes applications."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass

from lotse.pathways.common import Context
from lotse.pathways.result import Criterion, PathwayResult, decide


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    title: str
    # First and last day on which the modelled version of the rule takes new
    # applications; `valid_until` None: no end is enacted.
    valid_from: datetime.date
    valid_until: datetime.date | None
    # The contract's fixed criterion ids, in the order the result lists them.
    criterion_ids: tuple[str, ...]
    check: Callable[[Context], tuple[Criterion, ...]]

    def in_force(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def evaluate(self, context: Context) -> PathwayResult:
        criteria = self.check(context)
        outcome, earliest = decide(
            criteria, in_force=self.in_force(context.as_of), valid_until=self.valid_until
        )
        return PathwayResult(self.id, self.title, outcome, earliest, criteria)


@functools.lru_cache(maxsize=8192)
def german_date(day: datetime.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"
