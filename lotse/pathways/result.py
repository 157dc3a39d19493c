"""The result document: criteria, pathway outcomes, and their JSON form."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Final, Literal

Status = Literal["met", "not_met", "unknown", "discretionary"]
Outcome = Literal["not_in_force", "not_met", "unknown", "discretionary", "likely_met"]
MET: Final = "met"
NOT_MET: Final = "not_met"
UNKNOWN: Final = "unknown"
DISCRETIONARY: Final = "discretionary"


# Not frozen: tens of thousands are built per second and frozen __init__ is slow.
@dataclass(slots=True)
class Criterion:
    id: str
    status: Status
    reason: str
    source: str
    # For time-based criteria: the day it is (or will be) met.
    met_from: datetime.date | None = None
    # Waiting can make it met (periods of stay, toleration, employment, age).
    time_based: bool = False
    # The last day it stays met if nothing changes (an age limit), else None.
    met_until: datetime.date | None = None

    def to_json(self) -> dict[str, Any]:
        met_from = self.met_from
        return {
            "id": self.id,
            "status": self.status,
            "met_from": None if met_from is None else met_from.isoformat(),
            "reason": self.reason,
            "source": self.source,
        }


@dataclass(slots=True)
class PathwayResult:
    id: str
    title: str
    outcome: Outcome
    earliest_date: datetime.date | None
    criteria: tuple[Criterion, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outcome": self.outcome,
            "earliest_date": _iso(self.earliest_date),
            "criteria": [c.to_json() for c in self.criteria],
        }


@dataclass(frozen=True, slots=True)
class Result:
    as_of: datetime.date
    rules_version: str
    pathways: tuple[PathwayResult, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "rules_version": self.rules_version,
            "pathways": [p.to_json() for p in self.pathways],
        }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def decide(
    criteria: tuple[Criterion, ...],
    *,
    in_force: bool,
    valid_until: datetime.date | None,
) -> tuple[Outcome, datetime.date | None]:
    """The outcome in the contract's order and, for an outcome held back only by
    time, the first day all time-based criteria are met."""
    if not in_force:
        return "not_in_force", None
    statuses = {c.status for c in criteria}
    if NOT_MET in statuses:
        return "not_met", _earliest(criteria, valid_until)
    if UNKNOWN in statuses:
        return "unknown", None
    if DISCRETIONARY in statuses:
        return "discretionary", None
    return "likely_met", None


def _earliest(
    criteria: tuple[Criterion, ...], valid_until: datetime.date | None
) -> datetime.date | None:
    if any(c.status == NOT_MET and (not c.time_based or c.met_from is None) for c in criteria):
        return None
    dates = [c.met_from for c in criteria if c.time_based and c.met_from is not None]
    if not dates:
        return None
    earliest = max(dates)
    limits = [c.met_until for c in criteria if c.met_until is not None]
    if valid_until is not None:
        limits.append(valid_until)
    if limits and earliest > min(limits):
        return None
    return earliest
