"""One input record to the columns the Splink model compares and blocks on.

Names go through lotse.names (tokens, transliteration, the variant dictionary,
Double Metaphone), so "Мухаммад Ахмед", "Ahmad, Mohamed" and "Muhammad Ahmed"
get the same keys. Keys are order-free (sorted), so swapped given and family
names agree; the date is split so that a 1 January placeholder, a year-only
date and swapped day and month can be told apart from a disagreement.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lotse.names import double_metaphone, fold, tokens
from lotse.names.dates import DAY, MONTH, YEAR
from lotse.names.variants import VariantDictionary, curated


@lru_cache(maxsize=500_000)
def _name_keys(text: str, dictionary: VariantDictionary) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(variant-canonical keys, metaphone keys) of one name field, one per token."""
    canon, meta = [], []
    for token in tokens(text):
        canon.append(fold(dictionary.canonical(token.form)))
        meta.append(double_metaphone(token.form)[0] or token.form)
    return tuple(canon), tuple(meta)


def _date(text: str) -> tuple[int | None, int | None, int | None, str]:
    """(year, month, day, evidence); a date that is not a date counts as missing."""
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
    if day and (month, day) == (1, 1):
        return year, None, None, YEAR  # the placeholder says only the year
    return year, month, day, DAY if day else MONTH if month else YEAR


def _text(value: str | None) -> str | None:
    folded = "".join(t.form for t in tokens(value or ""))
    return folded or None


def features(record: dict[str, str], dictionary: VariantDictionary | None = None) -> dict[str, Any]:
    dictionary = dictionary or curated()
    given, given_meta = _name_keys(record.get("given_name") or "", dictionary)
    family, family_meta = _name_keys(record.get("family_name") or "", dictionary)
    names = sorted(set(given + family))
    metas = sorted(set(given_meta + family_meta))
    first = sorted(k for k in (given[:1] + family[:1]))
    first_meta = sorted(k for k in (given_meta[:1] + family_meta[:1]))
    year, month, day, evidence = _date(record.get("birth_date") or "")
    sex = (record.get("sex") or "").strip().lower()
    nationality = (record.get("nationality") or "").strip().upper()
    return {
        "unique_id": record["record_id"],
        "names": names or None,
        "name_key": " ".join(names) or None,
        "metas": metas or None,
        "meta_key": " ".join(metas) or None,
        # The first given and first family part, order-free: the blocking key.
        "pair_key": " ".join(first) if len(first) == 2 else None,
        "pair_meta": " ".join(first_meta) if len(first_meta) == 2 else None,
        "given_meta": given_meta[0] if given_meta else None,
        "family_meta": family_meta[0] if family_meta else None,
        "given_key": " ".join(given) or None,
        "family_key": " ".join(family) or None,
        "year": year,
        "month": month,
        "day": day,
        # Day and month as a set: a swap between offices still blocks together.
        "day_month": f"{min(day, month)}-{max(day, month)}" if day and month else None,
        "weak_date": evidence in (YEAR, MONTH),
        # The full date as written, for a one-digit typo; None unless the day is known.
        "birth_iso": f"{year:04d}{month:02d}{day:02d}" if year and month and day else None,
        "sex": sex if sex in ("f", "m", "x") else None,
        "nationality": nationality or None,
        "birth_place": _text(record.get("birth_place")),
        "address": _text(record.get("address")),
        "postcode": (record.get("postcode") or "").replace(" ", "") or None,
        "place": _text(record.get("place")),
    }


def feature_table(
    records: list[dict[str, str]], dictionary: VariantDictionary | None = None
) -> dict[str, list[Any]]:
    """Column-wise, as DuckDB registers it."""
    rows = [features(r, dictionary) for r in records]
    columns = list(features({"record_id": ""}, dictionary)) if not rows else list(rows[0])
    return {c: [row[c] for row in rows] for c in columns}
