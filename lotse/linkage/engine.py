"""Deduplicating a file of person records with Splink on DuckDB, with our comparisons.

The model is Fellegi-Sunter as Splink does it; what is ours is what is
compared (lotse.linkage.features) and how candidates are found and clustered:

- blocking never on a name alone (test_blocking_rules checks every rule): the
  order-free first-name pair plus birth year and day/month set; plus the year
  alone where one date is only a placeholder or year; phonetic (metaphone and
  Cologne) keys plus date; given and family name swapped, each direction a rule
  of its own; family or given name plus the full date (the other name mistyped
  or missing); name pair plus sex, nationality or birth place where a date is
  missing. A rule on part of the names with a weak date or none caps the block it
  makes (the key with the year, the other name's first sound, ...) at BLOCK_CAP
  records, or the key alone at BLOCK_KEY_CAP, so that blocks do not grow with the
  square of the file, and asks that sex, nationality and birth place do not
  contradict; a rule on a common name's large block (a given name with no date on
  one side, a record without a given name) keeps only pairs whose family names are
  alike (Jaro-Winkler), so the pairs it makes stay few;
- u probabilities are estimated from random pairs of the file itself; on files
  large enough, m of the names, sex, nationality and birth place by EM on pairs
  with the same full date, the date's m set from what the generator and real
  registers show (placeholders, partial dates); no m below M_FLOOR;
- term frequencies weigh exact and phonetic name agreement (a common name pair
  says less), and a typo level is split on whether one spelling occurs only once
  in the file (a typo) or recurs (likelier another person's name); where the names
  share a part, a typo is judged on the parts not shared (a long shared given name
  makes any two family names look alike), and a record holding only a common name
  says little about one holding it beside another;
- clusters are joined along the matched pairs strongest first, but never two
  clusters whose birth dates cannot be one person's (a placeholder record
  matching two namesakes joins only the likelier one), nor, where the file names
  two or more offices, two clusters holding records of one office (each office
  keeps one record of a person); pairs kept apart so go to review. With offices
  known the match threshold is OFFICE_MATCH_THRESHOLD, lowered on large files to
  the probability MATCH_WEIGHT bits of evidence have under the file's prior (never
  below JOIN_FLOOR), else MATCH_THRESHOLD;
- where a file has the optional address columns: blocking on the place of
  residence or the address with names or the date, and address levels for the
  same street under another number and the same number in a street written alike;
  a full date with a month or day out of range is a typo, not a partial date.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from lotse.linkage.blocking import candidate_pairs_sql, connect
from lotse.linkage.features import feature_table
from lotse.linkage.stages import Stages

MATCH_THRESHOLD = 0.95  # clusters join at or above this probability
# With the records' offices known (two or more in the file), clusters never join two
# records of one office, which keeps namesakes apart that the probability alone would
# chain; then a lower probability suffices for the same precision.
OFFICE_MATCH_THRESHOLD = 0.8
REVIEW_THRESHOLD = 0.5  # from here up to the match threshold a person decides
# The evidence (match weight, log2 of the Bayes factor) a pair needs where offices are
# known. A probability threshold alone asks for ever more evidence as the file grows:
# the prior of a match falls with the file's size (about 1.3e-5 at 100k records, 1.3e-6
# at 1M), and with it every pair's probability. So the threshold follows the prior
# down to this weight, but stays within [JOIN_FLOOR, OFFICE_MATCH_THRESHOLD]: at 100k
# records 18.5 bits are p 0.83 and 0.8 holds; at 1M they are p 0.32 and 0.5 holds.
MATCH_WEIGHT = 18.5
JOIN_FLOOR = 0.5  # a pair likelier two people than one is never joined automatically

_SAME_DAY = "l.year = r.year and l.day_month = r.day_month"
_WEAK = "l.year = r.year and (l.weak_date or r.weak_date)"
_MISSING_DATE = "(l.year is null or r.year is null)"
_NO_DATE = f"{_MISSING_DATE} and (l.nationality = r.nationality or l.birth_place = r.birth_place)"
# Where only part of the names or no date at all bring a pair together, sex, nationality
# and birth place must not contradict where both records have them: namesakes in a
# large file mostly differ in one of them, and a pair that does would weigh too little
# to join (its m is at most M_FLOOR against u of 0.1-0.5).
_ALIKE = (
    "coalesce(l.sex = r.sex, true) and coalesce(l.nationality = r.nationality, true)"
    " and coalesce(l.birth_place = r.birth_place, true)"
)
_WEAK_ALIKE = f"{_WEAK} and {_ALIKE}"
_MISSING_ALIKE = f"{_MISSING_DATE} and {_ALIKE}"
_NO_DATE_ALIKE = f"{_NO_DATE} and {_ALIKE}"
BLOCKING_RULES = (
    f"l.pair_key = r.pair_key and {_SAME_DAY}",
    f"l.pair_key = r.pair_key and {_WEAK}",
    f"l.pair_meta = r.pair_meta and {_SAME_DAY}",
    f"l.pair_meta = r.pair_meta and {_WEAK}",
    f"l.family_key = r.family_key and {_SAME_DAY}",
    f"l.given_key = r.given_key and {_SAME_DAY}",
    f"l.given_key = r.family_key and {_SAME_DAY}",
    f"l.family_meta = r.family_meta and {_SAME_DAY}",
    f"l.given_meta = r.given_meta and {_SAME_DAY}",
    f"l.given_meta = r.family_meta and {_SAME_DAY}",
    f"l.family_meta = r.family_meta and {_WEAK} and l.given_meta = r.given_meta",
    # A key in a block of its own capped size (CAPPED_BLOCKS): here the family name
    # within one birth year.
    f"l.family_key_y = r.family_key_y and {_WEAK_ALIKE}",
    f"l.given_key_c = r.family_key_c and {_WEAK_ALIKE}",
    f"l.family_meta = r.given_meta and {_SAME_DAY}",
    f"l.family_key_g = r.family_key_g and {_MISSING_ALIKE}"
    " and substr(l.given_meta, 1, 1) = substr(r.given_meta, 1, 1)",
    f"l.family_key = r.given_key and {_MISSING_ALIKE} and l.given_meta = r.family_meta",
    # The given name (however common) within one year and the family name's first sound.
    f"l.given_key_yf = r.given_key_yf and {_WEAK_ALIKE}"
    " and substr(l.family_meta, 1, 1) = substr(r.family_meta, 1, 1)",
    # Both names mistyped or respelled: the full date with place, or with origin and sex.
    f"{_SAME_DAY} and l.birth_place = r.birth_place",
    f"{_SAME_DAY} and l.nationality = r.nationality and l.sex = r.sex",
    f"l.family_meta = r.family_meta and {_WEAK_ALIKE}"
    " and substr(l.given_key, 1, 1) = substr(r.given_key, 1, 1)",
    f"l.pair_key = r.pair_key and {_NO_DATE_ALIKE}",
    f"l.pair_meta = r.pair_meta and {_NO_DATE_ALIKE}",
    # Given and family name swapped between offices: each direction is a rule of its
    # own, as a pair is only ever compared one way round.
    f"l.family_key = r.given_key and {_SAME_DAY}",
    f"l.family_key_c = r.given_key_c and {_WEAK_ALIKE}",
    f"l.family_meta_c = r.given_meta_c and {_WEAK_ALIKE}",
    f"l.given_meta_c = r.family_meta_c and {_WEAK_ALIKE}",
    # A typo or a German respelling in the family name (j/y, w/v, doubled letters):
    # its Cologne key with the year where one date is weak.
    f"l.family_cologne_y = r.family_cologne_y and {_WEAK_ALIKE}",
    # The given name with a weak date, sex and origin.
    f"l.given_key_ysn = r.given_key_ysn and {_WEAK_ALIKE}"
    " and l.sex = r.sex and l.nationality = r.nationality",
    # Both names respelled, the full date known: sex and the family name's first sound.
    f"{_SAME_DAY} and l.sex = r.sex"
    " and substr(l.family_cologne, 1, 1) = substr(r.family_cologne, 1, 1)",
    # Both names mistyped, the date weak: sex and the first sounds of both names.
    f"l.initials_y = r.initials_y and {_WEAK_ALIKE}",
    # No date on one side: the order-free name pair with sex, or the family name's
    # Cologne key with sex and nationality (never a name alone).
    f"l.pair_key = r.pair_key and {_MISSING_ALIKE} and l.sex = r.sex",
    f"l.pair_meta = r.pair_meta and {_MISSING_ALIKE} and l.sex = r.sex",
    f"l.family_cologne_c = r.family_cologne_c and {_MISSING_ALIKE}"
    " and l.sex = r.sex and l.nationality = r.nationality",
    f"l.family_cologne_b = r.family_cologne_b and {_MISSING_ALIKE}"
    " and l.birth_place = r.birth_place",
    # No date on one side, the given name's Cologne key (in a block under the cap with
    # the family name's first two sounds): a typo in the family name, a respelled given name.
    f"l.given_cologne_f2 = r.given_cologne_f2 and {_MISSING_ALIKE}"
    " and substr(l.family_cologne, 1, 2) = substr(r.family_cologne, 1, 2)"
    " and (l.sex = r.sex or l.nationality = r.nationality or l.birth_place = r.birth_place)",
    # Both names' Cologne keys, order-free: respelled, mistyped or swapped names with
    # the same year, or with no date on one side and sex, origin or birth place alike.
    "l.pair_cologne = r.pair_cologne and l.year = r.year",
    f"l.pair_cologne = r.pair_cologne and {_MISSING_ALIKE}"
    " and (l.sex = r.sex or l.nationality = r.nationality or l.birth_place = r.birth_place)",
    # Swapped names, one of them mistyped: one side's family name sounding like the
    # other's given name and the first sound of the other pair alike, with a weak date
    # or none. Each direction a rule of its own, as for the swaps above.
    f"l.family_cologne_yg = r.given_cologne_yf and {_WEAK_ALIKE}"
    " and substr(l.given_cologne, 1, 1) = substr(r.family_cologne, 1, 1)",
    f"l.given_cologne_yf = r.family_cologne_yg and {_WEAK_ALIKE}"
    " and substr(l.family_cologne, 1, 1) = substr(r.given_cologne, 1, 1)",
    f"l.family_cologne_g = r.given_cologne_f and {_MISSING_ALIKE}"
    " and substr(l.given_cologne, 1, 1) = substr(r.family_cologne, 1, 1)"
    " and (l.sex = r.sex or l.nationality = r.nationality or l.birth_place = r.birth_place)",
    f"l.given_cologne_f = r.family_cologne_g and {_MISSING_ALIKE}"
    " and substr(l.family_cologne, 1, 1) = substr(r.given_cologne, 1, 1)"
    " and (l.sex = r.sex or l.nationality = r.nationality or l.birth_place = r.birth_place)",
    # A given name missing on one side (left empty, or the names swapped and the given
    # name then left empty): the family name with no date, the family name alike within
    # the year, or the one name left as the other record's given name with a weak date.
    f"l.family_key = r.family_key and (l.given_key is null or r.given_key is null)"
    f" and {_MISSING_ALIKE}",
    f"l.year = r.year and (l.given_key is null or r.given_key is null) and {_ALIKE}"
    " and substr(l.family_cologne, 1, 1) = substr(r.family_cologne, 1, 1)"
    " and jaro_winkler_similarity(l.family_key, r.family_key) >= 0.85",
    f"l.family_key = r.given_key and l.given_key is null and {_WEAK_ALIKE}",
    f"l.given_key = r.family_key and r.given_key is null and {_WEAK_ALIKE}",
    # No date on one side, the given name (however common) the same and the family name
    # alike: a typo in it. Only pairs so alike are kept of the given name's large block.
    f"l.given_key = r.given_key and {_MISSING_ALIKE}"
    " and substr(l.family_cologne, 1, 1) = substr(r.family_cologne, 1, 1)"
    " and jaro_winkler_similarity(l.family_key, r.family_key) >= 0.85",
    # Where the file has addresses (optional columns): same address, or same postcode
    # and a name or the date.
    "l.address = r.address and l.postcode = r.postcode",
    f"l.postcode = r.postcode and {_SAME_DAY}",
    "l.postcode = r.postcode and l.family_meta = r.family_meta",
    "l.postcode = r.postcode and l.given_key = r.given_key",
    # The place (of residence) with both names, the address, the full date, or a name
    # and the family name's first sound; a common family or given name only where its
    # key is under the cap.
    "l.pair_key = r.pair_key and l.place = r.place",
    "l.address = r.address and l.place = r.place",
    "l.family_meta = r.family_meta and l.address = r.address",
    "l.given_key = r.given_key and l.address = r.address",
    "l.family_meta_c = r.family_meta_c and l.place = r.place",
    f"{_SAME_DAY} and l.place = r.place",
    "l.family_cologne = r.family_cologne and l.given_cologne = r.given_cologne"
    " and (l.place = r.place or l.postcode = r.postcode)",
    "l.postcode = r.postcode and l.place = r.place"
    " and substr(l.family_cologne, 1, 1) = substr(r.family_cologne, 1, 1)",
    "l.given_key_c = r.given_key_c and l.place = r.place"
    " and substr(l.family_cologne, 1, 1) = substr(r.family_cologne, 1, 1)",
)


# A key shared by more records than this is too common to block on with only the
# year (or without a date): its blocks would grow with the square of the file. Such
# records still block on both names together, or on the full date.
BLOCK_KEY_CAP = 3000
CAPPED = (
    "given_key",
    "family_key",
    "given_meta",
    "family_meta",
    "family_cologne",
)
# A cap on the key alone drops a common name from every rule, however small the block
# a rule makes of it: a family name too common for BLOCK_KEY_CAP in a file of a million
# is shared by a few dozen records born in one year. These columns hold the key where
# at most BLOCK_CAP records share it and the parts named with it (a column, or
# "column:n" for its first n characters): the block of the rule using it. Common given
# names block within a year with the family name's first sound (or sex and nationality):
# such blocks are mostly namesakes, which the name comparison tells apart by the parts
# not shared (_REST_ALIKE), not by a similarity the shared given name inflates.
BLOCK_CAP = 3000
CAPPED_BLOCKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "family_key_y": ("family_key", ("year",)),
    "given_key_yf": ("given_key", ("year", "family_meta:1")),
    "given_key_ysn": ("given_key", ("year", "sex", "nationality")),
    "family_cologne_y": ("family_cologne", ("year",)),
    "initials_y": ("initials", ("year",)),
    "given_cologne_f2": ("given_cologne", ("family_cologne:2",)),
    "family_cologne_yg": ("family_cologne", ("year", "given_cologne:1")),
    "given_cologne_yf": ("given_cologne", ("year", "family_cologne:1")),
    "family_key_g": ("family_key", ("given_meta:1",)),
    "family_cologne_b": ("family_cologne", ("birth_place",)),
    "family_cologne_g": ("family_cologne", ("given_cologne:1",)),
    "given_cologne_f": ("given_cologne", ("family_cologne:1",)),
}


def _part(table: dict[str, list[Any]], part: str) -> list[Any]:
    column, _, length = part.partition(":")
    values = table[column]
    if not length:
        return values
    n = int(length)
    return [v[:n] if v is not None else None for v in values]


def with_capped_keys(
    table: dict[str, list[Any]], cap: int = BLOCK_KEY_CAP, block_cap: int = BLOCK_CAP
) -> dict[str, list[Any]]:
    """Add `<key>_c` columns: the key, or None where more than `cap` records share it;
    and the CAPPED_BLOCKS: the key, or None where more than `block_cap` records share
    the key and the block's parts (or a part is missing).

    `initials`: sex, the first two sounds of the family name and the first of the given
    name (Cologne), for pairs with both names mistyped.
    """
    table["initials"] = [
        f"{sex}{family[:2]}/{given[:1]}" if sex and family and given else None
        for sex, family, given in zip(
            table["sex"], table["family_cologne"], table["given_cologne"], strict=True
        )
    ]
    for column in CAPPED:
        counts = Counter(v for v in table[column] if v is not None)
        table[f"{column}_c"] = [
            v if v is not None and counts[v] <= cap else None for v in table[column]
        ]
    parts = {p: _part(table, p) for _, block in CAPPED_BLOCKS.values() for p in block}
    for name, (key, block) in CAPPED_BLOCKS.items():
        columns = (table[key], *(parts[p] for p in block))
        sizes = Counter(zip(*columns, strict=True))
        # Blocks over the cap, and those with a part missing (no block at all).
        dropped = {b for b, size in sizes.items() if size > block_cap or None in b}
        table[name] = [None if b in dropped else b[0] for b in zip(*columns, strict=True)]
    return table


def with_spelling_counts(table: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Add `name_once`: no other record of the file has this spelling of the names;
    and `names_seen`: how many records carry the record's rarest name part.

    A typo makes a spelling nobody else has, while a similar name that is another
    person's real name recurs in the file; the typo levels are split on it. A record
    with a name missing says more about a record holding its one name when few
    records carry that name.
    """
    counts = Counter(v for v in table["name_key"] if v is not None)
    table["name_once"] = [v is not None and counts[v] == 1 for v in table["name_key"]]
    carriers = Counter(t for names in table["names"] if names for t in set(names))
    table["names_seen"] = [
        min(carriers[t] for t in names) if names else None for names in table["names"]
    ]
    return table


def blocking_table(records: list[dict[str, str]]) -> dict[str, list[Any]]:
    """The columns Splink blocks on and compares, for a list of records."""
    return with_spelling_counts(with_capped_keys(feature_table(records)))


# A name part at most this many records of the file carry is rare: a record holding
# only it and another holding it beside a second name are likely one person.
RARE_NAME = 5
# A name part more records than this carry is common: a record holding only it says
# little about a record holding it beside another name.
COMMON_NAME = 500


def _level(sql: str, label: str, m: float, u: float, **extra: Any) -> dict[str, Any]:
    # u: measured on 100k generated records (seed 7); re-estimated on files large enough.
    return {
        "sql_condition": sql,
        "label_for_charts": label,
        "m_probability": m,
        "u_probability": u,
        **extra,
    }


def _null(sql: str) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": "missing", "is_null_level": True}


ELSE = "ELSE"

# The name parts of one record that the other does not have, as one string: where one
# part is shared, how alike the rest is. A similarity of the whole name key is inflated
# by a long shared part ("mohamed zatizei" and "mohamed zanaiae" are 0.92 alike, their
# family names 0.77): namesakes sharing a common given name would pass for a typo.
_REST_L = "array_to_string(list_filter(names_l, lambda x: not list_contains(names_r, x)), ' ')"
_REST_R = "array_to_string(list_filter(names_r, lambda x: not list_contains(names_l, x)), ' ')"
_REST_ALIKE = f"jaro_winkler_similarity({_REST_L}, {_REST_R}) >= {{}}"
REST_TYPO = 0.85  # the parts not shared, where one is: a typo
REST_ALIKE = 0.8  # the same, for the levels of one part shared and the other alike

COMPARISONS: list[dict[str, Any]] = [
    {
        "output_column_name": "name",
        "comparison_levels": [
            _null("names_l is null or names_r is null"),
            _level(
                "name_key_l = name_key_r",
                "same name keys (any order)",
                0.75,
                8.3e-5,
                tf_adjustment_column="name_key",
                tf_adjustment_weight=1.0,
            ),
            # Term frequencies here too: the phonetic key of a common name pair says less.
            _level(
                "meta_key_l = meta_key_r",
                "same phonetic keys",
                0.1,
                4.5e-5,
                tf_adjustment_column="meta_key",
                tf_adjustment_weight=1.0,
            ),
            _level(
                "cologne_key_l = cologne_key_r",
                "same Cologne keys",
                0.03,
                6e-5,
                tf_adjustment_column="cologne_key",
                tf_adjustment_weight=1.0,
            ),
            # Alike names where one spelling occurs nowhere else in the file: a typo far
            # more often than a namesake (EM: m 0.11 against 0.01 for the other typos).
            _level(
                "jaro_winkler_similarity(name_key_l, name_key_r) >= 0.92"
                f" and {_REST_ALIKE.format(REST_TYPO)} and (name_once_l or name_once_r)",
                "typo, one spelling seen once in the file",
                0.06,
                3e-4,
            ),
            _level(
                "jaro_winkler_similarity(name_key_l, name_key_r) >= 0.92"
                f" and {_REST_ALIKE.format(REST_TYPO)}",
                "typo",
                0.04,
                9.7e-4,
            ),
            # A name missing, the names left carried by at most RARE_NAME records.
            _level(
                "len(list_intersect(names_l, names_r)) = least(len(names_l), len(names_r))"
                " and (case when len(names_l) <= len(names_r) then names_seen_l"
                f" else names_seen_r end) <= {RARE_NAME}",
                "one record's names all in the other, and rare",
                0.01,
                0.0001,
            ),
            # ... and common: a lone "Mohamed" is in thousands of other records' names.
            _level(
                "len(list_intersect(names_l, names_r)) = least(len(names_l), len(names_r))"
                " and (case when len(names_l) <= len(names_r) then names_seen_l"
                f" else names_seen_r end) > {COMMON_NAME}",
                "one record's names all in the other, and common",
                0.01,
                0.01,
            ),
            _level(
                "len(list_intersect(names_l, names_r)) = least(len(names_l), len(names_r))",
                "one record's names all in the other (a name missing)",
                0.02,
                0.002,
            ),
            _level(
                "jaro_winkler_similarity(name_key_l, name_key_r) >= 0.85"
                f" and {_REST_ALIKE.format(REST_ALIKE)} and (name_once_l or name_once_r)"
                " and (len(list_intersect(names_l, names_r)) >= 1"
                " or len(list_intersect(metas_l, metas_r)) >= 1)",
                "one name part shared, the other alike and seen once",
                0.02,
                0.002,
            ),
            _level(
                "jaro_winkler_similarity(name_key_l, name_key_r) >= 0.85"
                f" and {_REST_ALIKE.format(REST_ALIKE)}"
                " and (len(list_intersect(names_l, names_r)) >= 1"
                " or len(list_intersect(metas_l, metas_r)) >= 1)",
                "one name part shared, the other alike",
                0.03,
                0.002,
            ),
            _level(
                "len(list_intersect(names_l, names_r)) >= 1"
                " or len(list_intersect(metas_l, metas_r)) >= 1",
                "one name part shared",
                0.03,
                0.034,
            ),
            _level(
                "jaro_winkler_similarity(name_key_l, name_key_r) >= 0.85",
                "alike (two typos)",
                0.01,
                0.003,
            ),
            _level(ELSE, "different", 0.005, 0.96),
        ],
    },
    {
        "output_column_name": "birth_date",
        "comparison_levels": [
            _null("year_l is null or year_r is null"),
            _level(
                "year_l = year_r and month_l = month_r and day_l = day_r",
                "same date",
                0.6,
                4.5e-5,
            ),
            _level(
                "year_l = year_r and month_l = day_r and day_l = month_r",
                "day and month swapped",
                0.03,
                7.2e-6,
            ),
            _level(
                "year_l = year_r and (weak_date_l or weak_date_r)"
                " and (month_l is null or month_r is null or month_l = month_r)",
                "same year, one date partial or placeholder",
                0.35,
                0.0045,
            ),
            _level(
                "damerau_levenshtein(birth_iso_l, birth_iso_r) <= 1",
                "one digit apart (a typo)",
                0.05,
                0.001,
            ),
            _level("year_l = year_r", "same year, another day", 0.01, 0.012),
            _level(ELSE, "another year", 0.01, 0.983),
        ],
    },
    {
        "output_column_name": "sex",
        "comparison_levels": [
            _null("sex_l is null or sex_r is null"),
            _level("sex_l = sex_r", "same", 0.98, 0.5),
            _level(ELSE, "different", 0.02, 0.5),
        ],
    },
    {
        "output_column_name": "nationality",
        "comparison_levels": [
            _null("nationality_l is null or nationality_r is null"),
            _level("nationality_l = nationality_r", "same", 0.95, 0.087),
            _level(ELSE, "different", 0.05, 0.913),
        ],
    },
    {
        "output_column_name": "birth_place",
        "comparison_levels": [
            _null("birth_place_l is null or birth_place_r is null"),
            _level("birth_place_l = birth_place_r", "same", 0.9, 0.04),
            _level(
                "jaro_winkler_similarity(birth_place_l, birth_place_r) >= 0.88",
                "similar",
                0.07,
                0.002,
            ),
            _level(ELSE, "different", 0.03, 0.958),
        ],
    },
]


# The office a record comes from: each office keeps its own record of a person, so two
# records of one office are rarely one person (an office's own duplicates do occur: m
# is never below M_FLOOR). EM trains it on files large enough.
COMPARISONS.append(
    {
        "output_column_name": "source",
        "comparison_levels": [
            _null("source_l is null or source_r is null"),
            _level("source_l = source_r", "same office", 0.05, 0.2),
            _level(ELSE, "another office", 0.95, 0.8),
        ],
    }
)


# The optional address columns. An address changes when a person moves and is often
# written with typos, so "different" must not weigh like a different birth date: the
# street without the number (a move within the street, a missing number) and the house
# number beside a street written alike (a typo in the street) are levels of their own.
COMPARISONS.append(
    {
        "output_column_name": "address",
        "comparison_levels": [
            _null("address_l is null or address_r is null"),
            _level("address_l = address_r", "same", 0.6, 1e-4),
            _level(
                "jaro_winkler_similarity(address_l, address_r) >= 0.88",
                "similar",
                0.12,
                3e-4,
            ),
            _level("street_l = street_r", "same street, another or no number", 0.06, 5e-4),
            _level(
                "house_number_l = house_number_r"
                " and jaro_winkler_similarity(street_l, street_r) >= 0.7",
                "same number, the street alike",
                0.04,
                1e-3,
            ),
            _level(ELSE, "different", 0.18, 0.998),
        ],
    }
)
for column, m_same, u_same in (
    ("postcode", 0.8, 0.01),
    ("place", 0.8, 0.01),
):
    COMPARISONS.append(
        {
            "output_column_name": column,
            "comparison_levels": [
                _null(f"{column}_l is null or {column}_r is null"),
                _level(f"{column}_l = {column}_r", "same", m_same, u_same),
                _level(
                    f"jaro_winkler_similarity({column}_l, {column}_r) >= 0.88",
                    "similar",
                    0.1,
                    u_same * 2,
                ),
                _level(ELSE, "different", 1 - m_same - 0.1, 1 - u_same * 3),
            ],
        }
    )


def threshold_for_prior(
    prior: float, weight: float = MATCH_WEIGHT, ceiling: float = OFFICE_MATCH_THRESHOLD
) -> float:
    """The match probability a pair of `weight` bits of evidence has under the prior
    `prior` (of two random records being one person), within [JOIN_FLOOR, ceiling]."""
    if not 0 < prior < 1:
        return ceiling
    odds = 2**weight * prior / (1 - prior)
    return min(ceiling, max(JOIN_FLOOR, odds / (1 + odds)))


@dataclass
class Result:
    clusters: dict[str, str]  # record_id -> cluster_id
    review: list[tuple[str, str, float]]  # pairs between the thresholds
    candidate_pairs: int  # pairs the blocking rules kept
    pairs: list[tuple[str, str, float]]  # scored pairs at or above REVIEW_THRESHOLD
    blocked_true_pairs: int | None = None  # with ground truth: true pairs blocking kept
    stages: Stages = field(default_factory=Stages)  # wall and CPU seconds per stage
    threshold: float = MATCH_THRESHOLD  # the match threshold the clusters were joined at


def _settings(
    blocking: tuple[str, ...], comparisons: list[dict[str, Any]], count: int
) -> dict[str, Any]:
    return {
        "link_type": "dedupe_only",
        # Prior for a small file: about one other record of the same person each.
        "probability_two_random_records_match": min(0.5, 1 / max(count - 1, 1)),
        "unique_id_column_name": "unique_id",
        "blocking_rules_to_generate_predictions": list(blocking),
        "comparisons": comparisons,
        "retain_intermediate_calculation_columns": False,
        "retain_matching_columns": False,
    }


def _ranks(ids: list[str]) -> list[int]:
    """An integer per record in the order of the record ids, for blocking's joins.

    DuckDB joins and groups integers much faster than strings, and as the order is the
    record ids' own (UTF-8 bytes sort as code points), the same record of a pair is on
    the left: rules that are not symmetric find the same pairs. The string ids stay
    Splink's: its u sample is drawn by a hash of them.
    """
    ranks = [0] * len(ids)
    for rank, position in enumerate(sorted(range(len(ids)), key=ids.__getitem__)):
        ranks[position] = rank
    return ranks


def _own_blocking(settings: Any) -> list[str] | None:
    """The blocking rules when all are SQL strings: then the pairs are found by
    lotse.linkage.blocking; rule objects (block_on) are left to Splink."""
    if not isinstance(settings, dict):
        return None
    rules = settings.get("blocking_rules_to_generate_predictions") or []
    return list(rules) if rules and all(isinstance(r, str) for r in rules) else None


RANK = "linkage_rank"


def run_splink(
    table: dict[str, list[Any]],
    settings: Any,  # a settings dict or Splink's SettingsCreator
    train: Callable[[Any], None],
    threshold: float = MATCH_THRESHOLD,
    review_from: float = REVIEW_THRESHOLD,
    truth: dict[str, str] | None = None,
    stages: Stages | None = None,
    match_weight: float | None = None,
) -> Result:
    """Predict, cluster and collect the review band; `train` estimates what settings leave open.

    With `match_weight`, the threshold is that weight's probability under the trained
    prior, at most `threshold` and at least JOIN_FLOOR (threshold_for_prior)."""
    from splink import DuckDBAPI, Linker

    logging.getLogger("splink").setLevel(logging.ERROR)
    stages = Stages() if stages is None else stages
    ids = table["unique_id"]
    clusters = {record_id: record_id for record_id in ids}
    if len(ids) < 2:
        return Result(clusters, [], 0, [], stages=stages, threshold=threshold)
    con = connect()
    try:
        with stages("registration"):
            con.register("linkage_input", pa.table({**table, RANK: _ranks(ids)}))
            # A table of DuckDB's own: every join below reads it, none converts Arrow again.
            con.execute("create table linkage_records as select * from linkage_input")
            con.unregister("linkage_input")
            db_api = DuckDBAPI(connection=con)
            linker = Linker(db_api.register("linkage_records"), settings, log_level=logging.ERROR)
        with stages("training"):
            train(linker)
        if match_weight is not None:
            prior = linker._settings_obj._probability_two_random_records_match  # no public getter
            threshold = threshold_for_prior(prior, match_weight, ceiling=threshold)
        rules = _own_blocking(settings)
        if rules is not None:
            with stages("blocking"):
                sql = candidate_pairs_sql("linkage_records", rules, RANK)
                con.execute(f"create table linkage_pairs as {sql}")
                linker.table_management.register_blocked_pairs_for_predict(
                    db_api.register("linkage_pairs")
                )
                pairs_table, left, right = "linkage_pairs", "join_key_l", "join_key_r"
            with stages("prediction"):
                # Only the pairs from the review band up are written out: Splink filters
                # on the match weight, so a hair below, and the exact cut follows below.
                predictions = linker.inference.predict(
                    threshold_match_probability=review_from * 0.999 if review_from > 0 else None
                )
        else:
            with stages("blocking and prediction"):
                predictions = linker.inference.predict()
            pairs_table, left, right = predictions.physical_name, "unique_id_l", "unique_id_r"
        with stages("pairs"):
            scored = predictions.physical_name
            count = con.execute(f"select count(*) from {pairs_table}").fetchone()  # noqa: S608 (our and Splink's table names)
            # Strongest first; equal probabilities in record id order, so that the
            # clusters do not depend on the order DuckDB's threads return rows in.
            rows = con.execute(
                f"select unique_id_l, unique_id_r, match_probability from {scored}"  # noqa: S608
                " where match_probability >= ?"
                " order by match_probability desc, unique_id_l, unique_id_r",
                [review_from],
            ).fetchall()
            pairs = [(str(a), str(b), float(p)) for a, b, p in rows]
            del rows
            blocked_true = None
            if truth is not None:
                blocked_true = _true_pairs_kept(con, pairs_table, left, right, ids, truth)
    finally:
        con.close()
    with stages("clustering"):
        edges = [(a, b) for a, b, p in pairs if p >= threshold]
        apart: list[tuple[str, str]] = []
        if "year" in table:
            # A garbled full date (month or day out of range) is a typo: it neither
            # constrains a cluster nor makes an edge weak.
            full = table.get("full_date") or [d is not None for d in table["day"]]
            dates = {
                str(i): (y, m, d)
                for i, y, m, d, f in zip(
                    ids, table["year"], table["month"], table["day"], full, strict=True
                )
                if y is not None and not (f and d is None)
            }
            written_full = {str(i) for i, f in zip(ids, full, strict=True) if f}
            clusters = _constrained_components(
                ids, edges, dates, written_full, offices(table), apart
            )
        else:
            clusters = _components(ids, edges)
        # Pairs the clustering kept apart despite their probability are for a person too.
        kept_apart = set(apart)
        review = sorted((a, b, p) for a, b, p in pairs if p < threshold or (a, b) in kept_apart)
    candidate_pairs = int(count[0]) if count else 0
    return Result(clusters, review, candidate_pairs, pairs, blocked_true, stages, threshold)


def _true_pairs_kept(
    con: Any, pairs_table: str, left: str, right: str, ids: list[str], truth: dict[str, str]
) -> int:
    """How many pairs of `pairs_table` (record ids in `left` and `right`) are one person."""
    entities = [truth.get(record_id) for record_id in ids]
    con.register("linkage_truth", pa.table({"uid": ids, "entity": entities}))
    found = con.execute(
        f"select count(*) from {pairs_table} c"  # noqa: S608 (our table and column names)
        f" join linkage_truth a on a.uid = c.{left}"
        f" join linkage_truth b on b.uid = c.{right} where a.entity = b.entity"
    ).fetchall()
    con.unregister("linkage_truth")
    return int(found[0][0])


def blocking_counts(
    table: dict[str, list[Any]], truth: dict[str, str], rules: tuple[str, ...] = BLOCKING_RULES
) -> tuple[int, int]:
    """(candidate pairs, true pairs among them) of the blocking rules over a blocking
    table: the exact blocking recall against ground truth, without training a model."""
    ids = table["unique_id"]
    con = connect()
    try:
        con.register("linkage_input", pa.table({**table, RANK: _ranks(ids)}))
        con.execute("create table linkage_records as select * from linkage_input")
        con.unregister("linkage_input")
        sql = candidate_pairs_sql("linkage_records", rules, RANK)
        con.execute(f"create table linkage_pairs as {sql}")
        count = con.execute("select count(*) from linkage_pairs").fetchall()[0]
        kept = _true_pairs_kept(con, "linkage_pairs", "join_key_l", "join_key_r", ids, truth)
    finally:
        con.close()
    return int(count[0]), kept


def _components(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    """Connected components; a cluster is named by its smallest record id (stable)."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in ids}


Date = tuple[int, int | None, int | None]  # year, month, day (None: not known)


def _one_edit(a: str, b: str) -> bool:
    """Equal length strings one substitution or one transposition of neighbours apart."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]


def dates_compatible(a: Date, b: Date) -> bool:
    """Could both dates be written for one person: equal where both are known, day and
    month swapped, or a one-digit typo of a full date."""
    (ya, ma, da), (yb, mb, db) = a, b
    if da is not None and db is not None and ma is not None and mb is not None:
        if (ya, ma, da) in ((yb, mb, db), (yb, db, mb)):
            return True
        return _one_edit(f"{ya:04d}{ma:02d}{da:02d}", f"{yb:04d}{mb:02d}{db:02d}")
    if ya != yb:
        return False
    if ma is None or mb is None:
        return True
    # One is a month-only date: its month may be the other's month or, swapped, its day.
    return ma == mb or (da is None and ma == db) or (db is None and mb == da)


def _full(date: Date | None) -> bool:
    return date is not None and date[2] is not None


def offices(table: dict[str, list[Any]]) -> dict[str, str]:
    """record id -> office, where the file holds records of two or more offices (with a
    single office, or none named, the office says nothing about who is whom)."""
    sources = table.get("source") or []
    if len({s for s in sources if s is not None}) < 2:
        return {}
    return {str(i): s for i, s in zip(table["unique_id"], sources, strict=True) if s is not None}


def _constrained_components(
    ids: list[str],
    edges: list[tuple[str, str]],
    dates: dict[str, Date],
    written_full: set[str] | None = None,
    offices: dict[str, str] | None = None,
    kept_apart: list[tuple[str, str]] | None = None,
) -> dict[str, str]:
    """Clusters joined along the edges, strongest first; an edge from a record without a
    full birth date (a placeholder, year or month only, none) never joins two clusters
    holding birth dates that cannot belong to one person: such a record that matches two
    namesakes with different birthdays joins only the likelier one, so namesakes are not
    chained together. Between two full dates the model has weighed the dates itself
    (FEBRL-style typos in several duplicates of one record must still join).
    `written_full`: the records whose date was written in full, a mistyped one with a
    month or day out of range included (default: those with a full date in `dates`).
    `offices`: record id -> office; two clusters holding records of one office are never
    joined (each office keeps one record of a person; its own duplicates go to review).
    Edges not followed are appended to `kept_apart`."""
    parent = {i: i for i in ids}
    members: dict[str, list[tuple[str, Date]]] = {
        i: [(i, dates[i])] if i in dates else [] for i in ids
    }
    offices = offices or {}
    held: dict[str, set[str]] = {i: {offices[i]} if i in offices else set() for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if held[ra] & held[rb]:
            if kept_apart is not None:
                kept_apart.append((a, b))
            continue
        ma, mb = members[ra], members[rb]
        if written_full is None:
            weak = not (_full(dates.get(a)) and _full(dates.get(b)))
        else:
            weak = not (a in written_full and b in written_full)
        if weak and any(
            not dates_compatible(x, y) for i, x in ma for j, y in mb if {i, j} != {a, b}
        ):
            if kept_apart is not None:
                kept_apart.append((a, b))
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        members[keep] = ma + mb
        members[gone] = []
        held[keep] |= held[gone]
        held[gone] = set()
    return {i: find(i) for i in ids}


# Below this many records random pairs say too little: the measured u stay.
ESTIMATE_FROM = 5000


# EM needs some thousand pairs to train on; with fewer pairs sharing a full date (a
# file with few or no birth dates) the set m and the prior of _settings stay.
EM_FROM = 1000


def same_date_pairs(table: dict[str, list[Any]]) -> int:
    """How many pairs of records share a full birth date: EM's training pairs."""
    counts = Counter(v for v in table["birth_iso"] if v is not None)
    return sum(c * (c - 1) // 2 for c in counts.values())


def _train(linker: Any, count: int, em_pairs: int = 0) -> None:
    if count < ESTIMATE_FROM:
        return
    if em_pairs >= EM_FROM:
        # From pairs with the same name pair and date; a file with (almost) no full
        # dates has none, and a prior of 0 would fail: the prior of _settings stays.
        linker.training.estimate_probability_two_random_records_match(
            [BLOCKING_RULES[0]], recall=0.6
        )
    # A million random pairs: enough for u of the rarer levels (a same-date u of ~5e-5
    # is seen some fifty times), half the cost of the two million before.
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    # m by EM on pairs with the same full date: it trains names, sex, nationality and
    # birth place, not the date (the rule uses it). The date's m stay set: pairs sharing
    # names are mostly namesakes in a large file, and EM on them takes namesakes'
    # different years for matches (m "another year" 0.75 at 100k).
    if em_pairs >= EM_FROM:
        linker.training.estimate_parameters_using_expectation_maximisation(
            "l.birth_iso = r.birth_iso", max_pairs=1e6
        )
        _floor_m(linker)


# EM finds some disagreements never in a true pair of the training file (sex,
# nationality); real registers do have them, so no level may rule a match out.
M_FLOOR = 0.005


def _floor_m(linker: Any) -> None:
    for comparison in linker._settings_obj.comparisons:  # Splink has no public setter
        for level in comparison.comparison_levels:
            if not level.is_null_level and level.m_probability < M_FLOOR:
                level.m_probability = M_FLOOR


def link_records(
    records: list[dict[str, str]], truth: dict[str, str] | None = None, **kwargs: Any
) -> Result:
    """Cluster the records of one file: who is the same person."""
    count = len(records)
    settings = _settings(BLOCKING_RULES, COMPARISONS, count)
    stages = kwargs.pop("stages", None)
    stages = Stages() if stages is None else stages  # an empty Stages is the caller's too
    with stages("features"):
        table = blocking_table(records)
        em_pairs = same_date_pairs(table)
    if "threshold" not in kwargs:
        if offices(table):
            kwargs["threshold"] = OFFICE_MATCH_THRESHOLD
            kwargs.setdefault("match_weight", MATCH_WEIGHT)
        else:
            kwargs["threshold"] = MATCH_THRESHOLD
    return run_splink(
        table,
        settings,
        lambda linker: _train(linker, count, em_pairs),
        truth=truth,
        stages=stages,
        **kwargs,
    )
