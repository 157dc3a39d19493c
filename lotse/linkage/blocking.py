"""Candidate pairs for prediction, found in DuckDB one blocking rule at a time.

Splink finds the pairs of rule n with a join that excludes every pair an earlier rule
found: each joined pair evaluates up to n - 1 other rules, so the cost grows with the
square of the rule count (at 10k records, 4.8 s of blocking beside 0.4 s of scoring
with 38 rules). Here each rule is a join of its own and the pairs are made distinct
once, by a grouping on the pair. The pairs are the same: those with the left id below
the right one for which any rule is true (a rule that compares a null is not true),
and `match_key` is the first such rule, as in Splink.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

# DuckDB's own memory: the Python side (records, features, pairs) needs the rest of the
# 6 GiB a run at 1M records may take. Above it DuckDB spills to a temporary directory.
MEMORY_LIMIT = os.environ.get("LOTSE_LINKAGE_MEMORY", "3GB")


def threads() -> int:
    """The cores this process may use: DuckDB's default counts the machine's."""
    return max(1, len(os.sched_getaffinity(0)))


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with threads, memory limit and spill directory set explicitly."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET threads = {threads()}")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    # A directory of this connection's own: DuckDB creates it only when it spills and
    # removes it on closing, which a directory shared between runs would not survive.
    spill = Path(tempfile.gettempdir()) / f"lotse-linkage-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    con.execute(f"SET temp_directory = '{spill}'")
    return con


# "(l.x is null or r.x is null)": DuckDB can only filter such a rule after the join, so
# every pair of its equi-join's bucket is built first; a bucket of a common name pair
# grows with the file, its pairs with the square. Split in two joins, each side's null
# test is pushed below the join and only the records without the value are paired.
_EITHER_NULL = re.compile(r"\(l\.(\w+) is null or r\.\1 is null\)")
_NEGATION = re.compile(r"\bnot\b(?! null)", re.IGNORECASE)


def split_on_nulls(rule: str) -> list[str]:
    """The rule as joins that find the same pairs, none of them testing both sides for a
    null with `or`: one with the left side null, one with the right side only. A rule
    with a negation stays whole (the split holds for `and` and `or` only)."""
    match = _EITHER_NULL.search(rule)
    if match is None or _NEGATION.search(rule):
        return [rule]
    column = match.group(1)
    left = f"l.{column} is null"
    right = f"(r.{column} is null and l.{column} is not null)"
    return [
        *split_on_nulls(rule[: match.start()] + left + rule[match.end() :]),
        *split_on_nulls(rule[: match.start()] + right + rule[match.end() :]),
    ]


def candidate_pairs_sql(table: str, rules: Sequence[str], rank: str) -> str:
    """A query for the distinct pairs (match_key, join_key_l, join_key_r) of `rules` over
    `table`: the keys are its `unique_id`s, the pair ordered as Splink orders it (left
    below right), and `rank` an integer column in the same order as `unique_id`, which
    the joins and the grouping use instead of the strings."""
    joins = "\nunion all\n".join(
        f"select l.{rank} as rank_l, r.{rank} as rank_r, {i} as match_key"  # noqa: S608 (rules and names are ours, no input)
        f" from {table} as l join {table} as r on l.{rank} < r.{rank} and ({rule})"
        for i, whole in enumerate(rules)
        for rule in split_on_nulls(whole)
    )
    return (
        "with pairs as ("  # noqa: S608 (as above)
        "select rank_l, rank_r, min(match_key) as match_key"
        f" from ({joins}) group by rank_l, rank_r)"
        " select cast(p.match_key as varchar) as match_key,"
        " l.unique_id as join_key_l, r.unique_id as join_key_r"
        f" from pairs p join {table} l on l.{rank} = p.rank_l join {table} r on r.{rank} = p.rank_r"
    )
