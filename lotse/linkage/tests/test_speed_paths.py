"""The fast paths give what the slow ones gave: blocking in DuckDB finds Splink's pairs,
the counting score equals the score over listed pairs."""

import logging
import random

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from lotse.linkage.blocking import candidate_pairs_sql, connect, split_on_nulls
from lotse.linkage.engine import (
    BLOCKING_RULES,
    COMPARISONS,
    RANK,
    _ranks,
    _settings,
    blocking_table,
    link_records,
)
from lotse.linkage.evaluate import _pairs, groups_of, score
from lotse.linkage.features import COLUMNS, feature_table, features
from lotse.linkage.generator import generate
from lotse.linkage.stages import Stages


def _records(count: int, seed: int) -> list[dict[str, str]]:
    records = [r for r, _ in generate(count, seed=seed)]
    # Ids whose string order is not the file's order, so that a rule that is not
    # symmetric (family name against given name) sees each pair the way Splink does.
    for i, record in enumerate(records):
        record["record_id"] = f"x{(i * 7919) % count:05d}"
    return records


def test_ranks_follow_the_order_of_the_record_ids():
    assert _ranks(["b", "a", "c", "ab"]) == [2, 0, 3, 1]
    assert _ranks(["é", "z", "a"]) == [2, 1, 0]  # code point order, as DuckDB sorts UTF-8


def test_blocking_in_duckdb_finds_the_pairs_splink_finds():
    table = blocking_table(_records(3000, seed=13))
    con = duckdb.connect()
    con.register("input", pa.table({**table, RANK: _ranks(table["unique_id"])}))
    con.execute("create table records as select * from input")
    ours = set(con.execute(candidate_pairs_sql("records", BLOCKING_RULES, RANK)).fetchall())

    settings = _settings(BLOCKING_RULES, COMPARISONS, len(table["unique_id"]))
    splink_con = duckdb.connect()
    linker = Linker(
        DuckDBAPI(connection=splink_con).register(table), settings, log_level=logging.ERROR
    )
    scored = linker.inference.predict(warning_mode="never").physical_name
    theirs = set(
        splink_con.execute(f"select match_key, unique_id_l, unique_id_r from {scored}").fetchall()
    )
    assert len(ours) > 3000  # the rules find something worth comparing
    assert ours == theirs  # same pairs, same side left, same first rule


def test_the_counted_score_equals_the_score_over_listed_pairs():
    rng = random.Random(3)
    ids = [f"r{i}" for i in range(400)]
    truth = {i: rng.randrange(150) for i in ids}
    clusters = {i: f"c{rng.randrange(120)}" for i in ids[:380]}  # some records unclustered
    found = _pairs(groups_of(clusters))
    wanted = _pairs(groups_of(truth))
    hits = len(found & wanted)
    result = score(clusters, truth)
    assert result.true_pairs == len(wanted)
    assert result.precision == hits / len(found)
    assert result.recall == hits / len(wanted)
    assert score({}, {}).f1 == 1.0


def test_a_run_reports_its_stages_and_the_same_clusters_every_time():
    records = _records(1500, seed=4)
    stages = Stages()
    first = link_records(records, stages=stages)
    assert first.stages is stages and "prediction" in stages
    second = link_records(records)
    assert first.clusters == second.clusters
    assert first.pairs == second.pairs
    assert {"features", "registration", "blocking", "prediction", "clustering"} <= set(first.stages)
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in first.stages.values())


def test_duckdb_gets_its_threads_and_memory_limit_explicitly():
    con = connect()
    threads = con.execute("select current_setting('threads')").fetchone()[0]
    limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
    assert int(threads) >= 1
    assert limit.endswith("GiB") or limit.endswith("GB")
    spill = con.execute("select current_setting('temp_directory')").fetchone()[0]
    assert spill != connect().execute("select current_setting('temp_directory')").fetchone()[0]
    con.close()


def test_the_feature_table_holds_each_records_features():
    records = _records(2000, seed=8)
    records[0] |= {"address": " Hauptstr. 1 ", "postcode": "12 345", "place": "Köln"}
    records[1] |= {"sex": " F ", "nationality": " syr", "birth_date": "1990-13-40"}
    records[2] = {"record_id": "only-an-id"}  # every other field missing
    table = feature_table(records)
    assert tuple(table) == COLUMNS
    for i, record in enumerate(records):
        assert {c: table[c][i] for c in COLUMNS} == features(record)
    assert feature_table(records[:1])["postcode"] == ["12345"]
    assert feature_table([]) == {c: [] for c in COLUMNS}


def test_a_rule_with_either_side_missing_is_split_in_two_joins():
    rule = "l.pair_key = r.pair_key and (l.year is null or r.year is null) and l.sex = r.sex"
    assert split_on_nulls(rule) == [
        "l.pair_key = r.pair_key and l.year is null and l.sex = r.sex",
        "l.pair_key = r.pair_key and (r.year is null and l.year is not null) and l.sex = r.sex",
    ]
    negated = "l.a = r.a and not (l.year is null or r.year is null)"
    assert split_on_nulls(negated) == [negated]
    assert split_on_nulls("l.a = r.a") == ["l.a = r.a"]


def test_a_review_band_from_zero_keeps_every_scored_pair():
    records = _records(600, seed=6)
    result = link_records(records, review_from=0.0)
    assert len(result.pairs) == result.candidate_pairs > 0
