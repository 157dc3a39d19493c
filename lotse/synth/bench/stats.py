"""Latency summaries. Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p % of values at or below it."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    name: str
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    max: float
    queries_min: int
    queries_median: int
    queries_max: int

    def as_row(self) -> list[str]:
        return [
            self.name,
            str(self.requests),
            str(self.errors),
            f"{self.p50:.1f}",
            f"{self.p95:.1f}",
            f"{self.p99:.1f}",
            f"{self.max:.1f}",
            f"{self.queries_min}/{self.queries_median}/{self.queries_max}",
        ]


HEADER = [
    "page",
    "requests",
    "errors",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "queries min/med/max",
]


def summarise(name: str, millis: Sequence[float], queries: Sequence[int], errors: int) -> Summary:
    return Summary(
        name=name,
        requests=len(millis),
        errors=errors,
        p50=percentile(millis, 50),
        p95=percentile(millis, 95),
        p99=percentile(millis, 99),
        max=max(millis),
        queries_min=min(queries),
        queries_median=int(percentile(queries, 50)),
        queries_max=max(queries),
    )


def table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
