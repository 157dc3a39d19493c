"""Scoring a clustering against ground truth: pairwise precision, recall and F1."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    true_pairs: int


def _pairs(groups: Iterable[list[str]]) -> set[tuple[str, str]]:
    found = set()
    for members in groups:
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                found.add((a, b))
    return found


def groups_of(assignment: Mapping[str, object]) -> list[list[str]]:
    groups: dict[object, list[str]] = defaultdict(list)
    for record_id, group in assignment.items():
        groups[group].append(record_id)
    return list(groups.values())


def true_pairs(truth: Mapping[str, object]) -> set[tuple[str, str]]:
    return _pairs(groups_of(truth))


def score(clusters: Mapping[str, str], truth: Mapping[str, object]) -> Scores:
    found = _pairs(groups_of(clusters))
    wanted = true_pairs(truth)
    hits = len(found & wanted)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(wanted) if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(wanted))
