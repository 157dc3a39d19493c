"""Deduplicating a file of person records with Splink on DuckDB, with our comparisons.

The model is Fellegi-Sunter as Splink does it; what is ours is what is
compared (lotse.linkage.features) and how candidates are found:

- blocking never on a name alone: the order-free first-name pair plus birth
  year and day/month set; plus the year alone where one date is only a
  placeholder or year; phonetic pair plus date; family or given name plus the
  full date (the other name mistyped or missing); name pair plus birth place
  and nationality where a date is missing;
- m probabilities are set from what the generator and real registers show
  (a name agrees in most true pairs, a date in fewer because of placeholders);
  u probabilities are estimated from random pairs of the file itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from lotse.linkage.features import feature_table

MATCH_THRESHOLD = 0.95  # clusters join at or above this probability
REVIEW_THRESHOLD = 0.5  # from here up to the match threshold a person decides

_SAME_DAY = "l.year = r.year and l.day_month = r.day_month"
_WEAK = "l.year = r.year and (l.weak_date or r.weak_date)"
_NO_DATE = (
    "(l.year is null or r.year is null)"
    " and (l.nationality = r.nationality or l.birth_place = r.birth_place)"
)
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
    f"l.family_key = r.family_key and {_WEAK}",
    f"l.given_key = r.family_key and {_WEAK}",
    f"l.family_meta = r.given_meta and {_SAME_DAY}",
    "l.family_key = r.family_key and (l.year is null or r.year is null)"
    " and substr(l.given_meta, 1, 1) = substr(r.given_meta, 1, 1)",
    "l.family_key = r.given_key and (l.year is null or r.year is null)"
    " and l.given_meta = r.family_meta",
    f"l.given_key = r.given_key and {_WEAK}"
    " and substr(l.family_meta, 1, 1) = substr(r.family_meta, 1, 1)",
    # Both names mistyped or respelled: the full date with place, or with origin and sex.
    f"{_SAME_DAY} and l.birth_place = r.birth_place",
    f"{_SAME_DAY} and l.nationality = r.nationality and l.sex = r.sex",
    f"l.family_meta = r.family_meta and {_WEAK}"
    " and substr(l.given_key, 1, 1) = substr(r.given_key, 1, 1)",
    f"l.pair_key = r.pair_key and {_NO_DATE}",
    f"l.pair_meta = r.pair_meta and {_NO_DATE}",
    # Where the file has addresses (optional columns): same address, or same postcode
    # and a name or the date.
    "l.address = r.address and l.postcode = r.postcode",
    f"l.postcode = r.postcode and {_SAME_DAY}",
    "l.postcode = r.postcode and l.family_meta = r.family_meta",
    "l.postcode = r.postcode and l.given_key = r.given_key",
)


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
            _level("meta_key_l = meta_key_r", "same phonetic keys", 0.1, 4.5e-5),
            _level("jaro_winkler_similarity(name_key_l, name_key_r) >= 0.92", "typo", 0.08, 9.7e-4),
            _level(
                "len(list_intersect(names_l, names_r)) >= 1"
                " or len(list_intersect(metas_l, metas_r)) >= 1",
                "one name part shared",
                0.06,
                0.034,
            ),
            _level(ELSE, "different", 0.01, 0.965),
        ],
    },
    {
        "output_column_name": "birth_date",
        "comparison_levels": [
            _null("year_l is null or year_r is null"),
            _level(
                "year_l = year_r and month_l = month_r and day_l = day_r",
                "same date",
                0.72,
                4.5e-5,
            ),
            _level(
                "year_l = year_r and month_l = day_r and day_l = month_r",
                "day and month swapped",
                0.06,
                7.2e-6,
            ),
            _level(
                "year_l = year_r and (weak_date_l or weak_date_r)"
                " and (month_l is null or month_r is null or month_l = month_r)",
                "same year, one date partial or placeholder",
                0.2,
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


for column, m_same, u_same in (
    ("address", 0.8, 1e-4),
    ("postcode", 0.85, 0.01),
    ("place", 0.85, 0.01),
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


@dataclass
class Result:
    clusters: dict[str, str]  # record_id -> cluster_id
    review: list[tuple[str, str, float]]  # pairs between the thresholds
    candidate_pairs: int  # pairs the blocking rules kept
    pairs: list[tuple[str, str, float]]  # scored pairs at or above REVIEW_THRESHOLD
    blocked_true_pairs: int | None = None  # with ground truth: true pairs blocking kept


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


def run_splink(
    table: dict[str, list[Any]],
    settings: Any,  # a settings dict or Splink's SettingsCreator
    train: Callable[[Any], None],
    threshold: float = MATCH_THRESHOLD,
    review_from: float = REVIEW_THRESHOLD,
    truth: dict[str, str] | None = None,
) -> Result:
    """Predict, cluster and collect the review band; `train` estimates what settings leave open."""
    from splink import DuckDBAPI, Linker

    logging.getLogger("splink").setLevel(logging.ERROR)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    db_api = DuckDBAPI(connection=con)
    ids = table["unique_id"]
    clusters = {record_id: record_id for record_id in ids}
    if len(ids) < 2:
        return Result(clusters, [], 0, [])
    frame = db_api.register(table)
    linker = Linker(frame, settings, log_level=logging.ERROR)
    train(linker)
    predictions = linker.inference.predict(threshold_match_probability=review_from)
    rows = con.sql(
        f"select unique_id_l, unique_id_r, match_probability from {predictions.physical_name}"  # noqa: S608 (Splink's own table name)
    ).fetchall()
    candidates = linker.inference.compute_blocked_pairs_for_predict()
    count_sql = f"select count(*) from {candidates.physical_name}"  # noqa: S608
    candidate_pairs = con.execute(count_sql).fetchall()[0]
    pairs = [(str(a), str(b), float(p)) for a, b, p in rows]
    blocked_true = None
    if truth is not None:
        con.register("linkage_truth", pa.table({"id": list(truth), "entity": list(truth.values())}))
        found = con.execute(
            f"select count(*) from {candidates.physical_name} c"  # noqa: S608
            " join linkage_truth a on a.id = c.join_key_l"
            " join linkage_truth b on b.id = c.join_key_r where a.entity = b.entity"
        ).fetchall()[0]
        blocked_true = int(found[0]) if found else 0
    clusters = _components(ids, [(a, b) for a, b, p in pairs if p >= threshold])
    review = sorted((a, b, p) for a, b, p in pairs if p < threshold)
    con.close()
    count = int(candidate_pairs[0]) if candidate_pairs else 0
    return Result(clusters, review, count, pairs, blocked_true)


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


# Below this many records random pairs say too little: the measured u stay.
ESTIMATE_FROM = 5000


def _train(linker: Any, count: int) -> None:
    if count < ESTIMATE_FROM:
        return
    linker.training.estimate_probability_two_random_records_match([BLOCKING_RULES[0]], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)


def link_records(
    records: list[dict[str, str]], truth: dict[str, str] | None = None, **kwargs: Any
) -> Result:
    """Cluster the records of one file: who is the same person."""
    count = len(records)
    settings = _settings(BLOCKING_RULES, COMPARISONS, count)
    return run_splink(
        feature_table(records),
        settings,
        lambda linker: _train(linker, count),
        truth=truth,
        **kwargs,
    )
