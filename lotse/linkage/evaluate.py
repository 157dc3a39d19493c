"""Scoring a clustering against ground truth: pairwise precision, recall and F1."""

from __future__ import annotations

from collections import Counter, defaultdict
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


def _pair_count(group_sizes: Iterable[int]) -> int:
    return sum(k * (k - 1) // 2 for k in group_sizes)


def score(clusters: Mapping[str, str], truth: Mapping[str, object]) -> Scores:
    """Pairwise scores counted from group sizes, never listing the pairs: a pair is a hit
    when both records share a cluster and an entity, so the hits are the pairs within each
    (cluster, entity) cell. Linear in the records, where listing pairs at 1M records held
    millions of tuples in memory."""
    found = _pair_count(Counter(clusters.values()).values())
    wanted = _pair_count(Counter(truth.values()).values())
    cells = Counter((cluster, truth[i]) for i, cluster in clusters.items() if i in truth)
    hits = _pair_count(cells.values())
    precision = hits / found if found else 1.0
    recall = hits / wanted if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, wanted)
