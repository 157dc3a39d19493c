"""Finding pairs of stored persons who may be the same person.

The stored persons (not merged away) are linked as one file by lotse.linkage
(Splink on DuckDB, the same comparisons as `lotse people link`), and every
pair at or above the threshold is stored for review. A pair already stored,
whatever its status, is left as it is: "not the same person" never returns.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from lotse.dedupe.models import DuplicateCandidate
from lotse.people.choices import DatePrecision
from lotse.people.models import Nationality, Person

# From here up a pair is worth a reviewer's minute (the linkage's review band
# starts at 0.5; below 0.8 almost all pairs are different people).
DEFAULT_THRESHOLD = 0.8
BATCH = 1000


@dataclass(frozen=True)
class FindResult:
    persons: int
    pairs_scored: int
    created: int


def _date_text(born: datetime.date | None, precision: str) -> str:
    if born is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{born.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{born.year:04d}-{born.month:02d}"
    return born.isoformat()


def person_records(person_ids: Iterable[int] | None = None) -> list[dict[str, str]]:
    """The stored persons as linkage records (shared/interfaces/people.md's columns)."""
    people = Person.objects.filter(merged_into__isnull=True)
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    nationalities: dict[int, str] = {}
    for person_id, country in (
        Nationality.objects.filter(person__in=people)
        .order_by("id")
        .values_list("person_id", "country")
    ):
        nationalities.setdefault(person_id, country)
    return [
        {
            "record_id": str(pk),
            "given_name": given,
            "family_name": family,
            "birth_date": _date_text(born, precision),
            "sex": sex or "",
            "nationality": nationalities.get(pk, ""),
            "birth_place": place or "",
        }
        for pk, given, family, born, precision, sex, place in people.order_by("pk").values_list(
            "pk",
            "given_names",
            "family_name",
            "birth_date",
            "birth_date_precision",
            "sex",
            "birth_place",
        )
    ]


def evidence(a: dict[str, str], b: dict[str, str]) -> dict[str, str]:
    """Per field whether the two records agree: what the reviewer sees first."""
    out: dict[str, str] = {}
    for field in ("family_name", "given_name", "birth_date", "sex", "nationality", "birth_place"):
        left, right = a.get(field, "").strip().lower(), b.get(field, "").strip().lower()
        if not left or not right:
            out[field] = "missing"
        else:
            out[field] = "same" if left == right else "different"
    return out


def store_pairs(
    records: list[dict[str, str]], pairs: Iterable[tuple[str, str, float]], threshold: float
) -> int:
    """Store the new pairs at or above `threshold`; returns how many were new."""
    by_id = {r["record_id"]: r for r in records}
    rows = []
    for left, right, probability in pairs:
        if probability < threshold:
            continue
        a, b = sorted((int(left), int(right)))
        rows.append(
            DuplicateCandidate(
                person_a_id=a,
                person_b_id=b,
                score=round(min(max(probability, 0.0), 1.0), 4),
                evidence=evidence(by_id[str(a)], by_id[str(b)]),
            )
        )
    with transaction.atomic():
        before = DuplicateCandidate.objects.count()
        # The unique pair constraint keeps decided pairs as they are.
        DuplicateCandidate.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        return DuplicateCandidate.objects.count() - before


def find_candidates(
    threshold: float = DEFAULT_THRESHOLD, progress: Callable[[str], None] | None = None
) -> FindResult:
    from lotse.linkage.engine import link_records

    records = person_records()
    if progress:
        progress(f"linking {len(records)} persons")
    result = link_records(records)
    created = store_pairs(records, result.pairs, threshold)
    return FindResult(len(records), result.candidate_pairs, created)
