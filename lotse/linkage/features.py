"""One input record to the columns the Splink model compares and blocks on.

Names go through lotse.names (tokens, transliteration, the variant dictionary,
Double Metaphone), so "Мухаммад Ахмед", "Ahmad, Mohamed" and "Muhammad Ahmed"
get the same keys. Keys are order-free (sorted), so swapped given and family
names agree; the date is split so that a 1 January placeholder, a year-only
date and swapped day and month can be told apart from a disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from operator import itemgetter
from typing import Any

from lotse.names import cologne, double_metaphone, fold, tokens
from lotse.names.dates import DAY, MONTH, YEAR
from lotse.names.variants import VariantDictionary, curated

NameKeys = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=500_000)
def _name_keys(text: str, dictionary: VariantDictionary) -> NameKeys:
    """(variant-canonical, metaphone, Cologne) keys of one name field, one per token.

    Names repeat massively in a file, so the keys of a field are computed once per
    distinct spelling.
    """
    canon, meta, german = [], [], []
    for token in tokens(text):
        canon.append(fold(dictionary.canonical(token.form)))
        meta.append(double_metaphone(token.form)[0] or token.form)
        german.append(cologne(token.form) or token.form)
    return tuple(canon), tuple(meta), tuple(german)


# A full date written with a month or day that cannot be one (1950-43-06, 1932-02-39):
# a typo in a full date, not a partial date or placeholder.
GARBLED = "garbled"


@lru_cache(maxsize=200_000)
def _date(text: str) -> tuple[int | None, int | None, int | None, str]:
    """(year, month, day, evidence); a date that is not a date counts as missing.

    A date written in full whose month or day is out of range keeps its valid parts
    and the evidence GARBLED: it is a mistyped full date, not a partial one.
    """
    parts = (text or "").strip().split("-")
    try:
        numbers = [int(p) for p in parts if p]
    except ValueError:
        return None, None, None, ""
    if not numbers or not 1000 <= numbers[0] <= 2999:
        return None, None, None, ""
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 and 1 <= numbers[1] <= 12 else None
    day = numbers[2] if len(numbers) > 2 and month and 1 <= numbers[2] <= 31 else None
    if len(numbers) > 2 and not day:
        valid_day = numbers[2] if 1 <= numbers[2] <= 31 else None
        return year, month, valid_day if month else None, GARBLED
    if day and (month, day) == (1, 1):
        return year, None, None, YEAR  # the placeholder says only the year
    return year, month, day, DAY if day else MONTH if month else YEAR


@lru_cache(maxsize=200_000)
def _text(value: str | None) -> str | None:
    folded = "".join(t.form for t in tokens(value or ""))
    return folded or None


NAME_COLUMNS = (
    "names",
    "name_key",
    "metas",
    "meta_key",
    "cologne_key",
    "pair_key",
    "pair_meta",
    "given_meta",
    "family_meta",
    "given_cologne",
    "family_cologne",
    "given_key",
    "family_key",
    "pair_cologne",
)
DATE_COLUMNS = ("year", "month", "day", "day_month", "weak_date", "birth_iso", "full_date")
OTHER_COLUMNS = ("sex", "nationality", "birth_place", "source", "address", "postcode", "place")
ADDRESS_COLUMNS = ("street", "house_number")
COLUMNS = ("unique_id", *NAME_COLUMNS, *DATE_COLUMNS, *OTHER_COLUMNS, *ADDRESS_COLUMNS)


@lru_cache(maxsize=300_000)
def _name_columns(
    given_name: str, family_name: str, dictionary: VariantDictionary
) -> tuple[Any, ...]:
    """The NAME_COLUMNS of one (given, family) pair: a file repeats pairs often."""
    given, given_meta, given_cologne = _name_keys(given_name, dictionary)
    family, family_meta, family_cologne = _name_keys(family_name, dictionary)
    names = sorted(set(given + family))
    metas = sorted(set(given_meta + family_meta))
    colognes = sorted(set(given_cologne + family_cologne))
    first = sorted(given[:1] + family[:1])
    first_meta = sorted(given_meta[:1] + family_meta[:1])
    return (
        names or None,
        " ".join(names) or None,
        metas or None,
        " ".join(metas) or None,
        " ".join(colognes) or None,
        # The first given and first family part, order-free: the blocking key.
        " ".join(first) if len(first) == 2 else None,
        " ".join(first_meta) if len(first_meta) == 2 else None,
        given_meta[0] if given_meta else None,
        family_meta[0] if family_meta else None,
        # Cologne phonetics of the first given and family part: what a typo or a
        # German ear's respelling (j/y, w/v, doubled letters) leaves alike.
        given_cologne[0] if given_cologne else None,
        family_cologne[0] if family_cologne else None,
        " ".join(given) or None,
        " ".join(family) or None,
        # The Cologne keys of the first given and family part, order-free: both names
        # respelled or mistyped the German way, or swapped as well.
        " ".join(sorted(given_cologne[:1] + family_cologne[:1]))
        if given_cologne and family_cologne
        else None,
    )


@lru_cache(maxsize=100_000)
def _date_columns(
    text: str,
) -> tuple[int | None, int | None, int | None, str | None, bool, str | None, bool]:
    """The DATE_COLUMNS of one birth date as written."""
    year, month, day, evidence = _date(text)
    garbled = evidence == GARBLED
    digits = "".join(p.strip().zfill(2) for p in text.split("-")) if garbled else None
    return (
        year,
        month,
        day,
        # Day and month as a set: a swap between offices still blocks together.
        f"{min(day, month)}-{max(day, month)}" if day and month and not garbled else None,
        evidence in (YEAR, MONTH, GARBLED),
        # The full date as written, for a one-digit typo; None unless the day is known
        # (a garbled date: its digits as written, so that the typo level sees them).
        digits or (f"{year:04d}{month:02d}{day:02d}" if year and month and day else None),
        # Written as a full date (if garbled): not a placeholder or a partial date.
        evidence in (DAY, GARBLED),
    )


def _sex(value: str | None) -> str | None:
    sex = (value or "").strip().lower()
    return sex if sex in ("f", "m", "x") else None


def _nationality(value: str | None) -> str | None:
    return (value or "").strip().upper() or None


def _postcode(value: str | None) -> str | None:
    return (value or "").replace(" ", "") or None


# OTHER_COLUMNS: each from the record's field of the same name.
_OTHER: dict[str, Callable[[str | None], str | None]] = {
    "sex": _sex,
    "nationality": _nationality,
    "birth_place": _text,
    "source": _text,
    "address": _text,
    "postcode": _postcode,
    "place": _text,
}


_NUMBER = re.compile(r"\S*\d\S*")


@lru_cache(maxsize=200_000)
def _address_columns(value: str | None) -> tuple[str | None, str | None]:
    """The ADDRESS_COLUMNS of an address: the street without numbers (folded) and the
    house number(s). A move in the same street, or a typo in the street name beside the
    same number, are evidence that a plain comparison of the whole address misses."""
    text = value or ""
    numbers = " ".join(_NUMBER.findall(text))
    return _text(_NUMBER.sub(" ", text)), numbers.lower() or None


def _row(record: dict[str, str], dictionary: VariantDictionary) -> tuple[Any, ...]:
    return (
        record["record_id"],
        *_name_columns(record.get("given_name") or "", record.get("family_name") or "", dictionary),
        *_date_columns((record.get("birth_date") or "").strip()),
        *(clean(record.get(column)) for column, clean in _OTHER.items()),
        *_address_columns(record.get("address")),
    )


def features(record: dict[str, str], dictionary: VariantDictionary | None = None) -> dict[str, Any]:
    """One record's columns by name."""
    return dict(zip(COLUMNS, _row(record, dictionary or curated()), strict=True))


def _spread(values: tuple[Any, ...], codes: list[int]) -> list[Any]:
    """values[code] for each code, the loop in C (itemgetter) rather than in Python."""
    if len(codes) == 1:
        return [values[codes[0]]]
    return list(itemgetter(*codes)(values))


def _encoded(keys: Iterable[Hashable]) -> tuple[list[Any], list[int]]:
    """The distinct keys in first-seen order, and each key's index among them."""
    index: dict[Any, int] = {}
    codes = [index.setdefault(key, len(index)) for key in keys]
    return list(index), codes


def _columns(
    names: tuple[str, ...], distinct: list[tuple[Any, ...]], codes: list[int]
) -> dict[str, list[Any]]:
    by_column = list(zip(*distinct, strict=True)) if distinct else [() for _ in names]
    return {name: _spread(values, codes) for name, values in zip(names, by_column, strict=True)}


def feature_table(
    records: list[dict[str, str]], dictionary: VariantDictionary | None = None
) -> dict[str, list[Any]]:
    """Column-wise, as DuckDB registers it; the same values as `features` per record.

    Column by column over the distinct values: a file of a million records holds a few
    hundred thousand name pairs and some ten thousand dates, and building a tuple per
    record and transposing them cost more than the keys themselves.
    """
    dictionary = dictionary or curated()
    if not records:
        return {c: [] for c in COLUMNS}
    table: dict[str, list[Any]] = {"unique_id": [r["record_id"] for r in records]}
    pairs, codes = _encoded(
        ((r.get("given_name") or ""), (r.get("family_name") or "")) for r in records
    )
    table.update(_columns(NAME_COLUMNS, [_name_columns(g, f, dictionary) for g, f in pairs], codes))
    dates, codes = _encoded((r.get("birth_date") or "").strip() for r in records)
    table.update(_columns(DATE_COLUMNS, [_date_columns(d) for d in dates], codes))
    for column, clean in _OTHER.items():
        raw, codes = _encoded(r.get(column) for r in records)
        table[column] = _spread(tuple(clean(v) for v in raw), codes)
    raw, codes = _encoded(r.get("address") for r in records)
    table.update(_columns(ADDRESS_COLUMNS, [_address_columns(v) for v in raw], codes))
    return table
