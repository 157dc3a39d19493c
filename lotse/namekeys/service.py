"""Computing and storing the name keys of persons."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction

from lotse.namekeys import dictionary
from lotse.namekeys.models import UNKNOWN_YEAR, NameKey
from lotse.names import KeyRow, VariantDictionary, name_key_rows

BATCH = 2000
# Column order of a key row after person_id, shared with the synthetic generator's COPY.
KEY_COLUMNS = (
    "form", "canon", "fold", "metaphone", "cologne", "skeleton", "abjad", "birth_year"
)  # fmt: skip


def birth_year(birth_date: datetime.date | None, precision: str) -> int:
    return UNKNOWN_YEAR if birth_date is None or precision == "unknown" else birth_date.year


def key_tuples(
    person_id: int,
    names: Iterable[tuple[str, str]],
    year: int,
    variants: VariantDictionary | None = None,
) -> list[tuple[Any, ...]]:
    """(person_id, *KEY_COLUMNS) rows, e.g. for COPY."""
    return [
        (person_id, r.form, r.canon, r.fold, r.metaphone, r.cologne, r.skeleton, r.abjad, year)
        for r in name_key_rows(names, variants)
    ]


def _model(person_id: int, row: KeyRow, year: int) -> NameKey:
    return NameKey(
        person_id=person_id,
        form=row.form,
        canon=row.canon,
        fold=row.fold,
        metaphone=row.metaphone,
        cologne=row.cologne,
        skeleton=row.skeleton,
        abjad=row.abjad,
        birth_year=year,
    )


def _names_of(
    person_ids: list[int],
) -> tuple[dict[int, list[tuple[str, str]]], dict[int, int]]:
    from lotse.people.models import NameSpelling, Person

    names: dict[int, list[tuple[str, str]]] = {pk: [] for pk in person_ids}
    years: dict[int, int] = {}
    # A merged-away record (tombstone) keeps no keys: search leads to the survivor.
    persons = Person.objects.filter(pk__in=person_ids, merged_into__isnull=True)
    for pk, given, family, born, precision in persons.values_list(
        "pk", "given_names", "family_name", "birth_date", "birth_date_precision"
    ):
        names[pk].append((given, family))
        years[pk] = birth_year(born, precision)
    spellings = NameSpelling.objects.filter(person_id__in=list(years))
    for pk, given, family in spellings.values_list("person_id", "given_names", "family_name"):
        names[pk].append((given, family))
    return names, years


@transaction.atomic
def refresh(person_ids: Iterable[int]) -> int:
    """Replace the keys of these persons by keys of their current names."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    variants = dictionary.current()
    names, years = _names_of(ids)
    NameKey.objects.filter(person_id__in=ids).delete()
    rows = [
        _model(pk, row, years.get(pk, UNKNOWN_YEAR))
        for pk in ids
        if names[pk]  # a person deleted meanwhile has no names left
        for row in name_key_rows(names[pk], variants)
    ]
    NameKey.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _batches(ids: Iterator[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild_all(progress: Any = None, batch_size: int = BATCH) -> int:
    """Recompute every person's keys, batch by batch (each its own transaction)."""
    from lotse.people.models import Person

    dictionary.forget()
    total = 0
    done = 0
    ids = Person.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=batch_size)
    for batch in _batches(iter(ids), batch_size):
        total += refresh(batch)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    return total
