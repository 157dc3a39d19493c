"""The pathway panel: the engine's result document arranged for people to read."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from lotse.residence.choices import CriterionStatus, Outcome

OUTCOME_LABELS: dict[str, str | Promise] = dict(Outcome.choices)
STATUS_LABELS: dict[str, str | Promise] = dict(CriterionStatus.choices)
# Shown first: what stands in the way, then what is open, then what holds.
_STATUS_ORDER = {"not_met": 0, "unknown": 1, "discretionary": 2, "met": 3}


@dataclass
class PathwayView:
    id: str
    title: str
    outcome: str
    outcome_label: str | Promise
    earliest_date: datetime.date | None
    criteria: list[dict[str, Any]] = field(default_factory=list)

    @property
    def missing(self) -> list[dict[str, Any]]:
        return [c for c in self.criteria if c["status"] in ("not_met", "unknown")]


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def arrange(result: dict[str, Any]) -> dict[str, Any]:
    pathways = []
    for item in result.get("pathways", []):
        criteria = [
            {
                **criterion,
                "met_from": _date(criterion.get("met_from")),
                "status_label": STATUS_LABELS.get(criterion.get("status", ""), ""),
            }
            for criterion in item.get("criteria", [])
        ]
        criteria.sort(key=lambda c: _STATUS_ORDER.get(c.get("status", ""), 9))
        outcome = item.get("outcome", "")
        pathways.append(
            PathwayView(
                id=item.get("id", ""),
                title=item.get("title", item.get("id", "")),
                outcome=outcome,
                outcome_label=OUTCOME_LABELS.get(outcome, outcome),
                earliest_date=_date(item.get("earliest_date")),
                criteria=criteria,
            )
        )
    return {
        "as_of": _date(result.get("as_of")),
        "rules_version": result.get("rules_version", ""),
        "pathways": pathways,
        "likely": [p for p in pathways if p.outcome in ("likely_met", "discretionary")],
        "later": sorted(
            (p for p in pathways if p.earliest_date is not None),
            key=lambda p: p.earliest_date or datetime.date.max,
        ),
    }
