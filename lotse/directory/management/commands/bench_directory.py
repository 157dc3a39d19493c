import json
import sys
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.directory.bench import measure
from lotse.directory.models import Service
from lotse.synth.services import write_services


class Command(BaseCommand):
    help = (
        "Measure the directory's filtered search (count and first page with provider, life "
        "areas, locations and distances) on the current database: p50/p95/max in ms. "
        "`--services N` first tops the directory up to N synthetic services."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--services", type=int, default=0, help="Add synthetic services up to this many."
        )
        parser.add_argument("--queries", type=int, default=500, help="Measured searches.")
        parser.add_argument("--warmup", type=int, default=50, help="Unmeasured searches first.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true", help="Print the results as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queries"] < 1:
            raise CommandError("--queries must be at least 1.")
        missing = options["services"] - Service.objects.count()
        if missing > 0:
            written = write_services(
                missing, seed=options["seed"], progress=lambda m: sys.stderr.write(m + "\n")
            )
            if not written:
                raise CommandError("No organisations to offer services: run `lotse synth` first.")
        if not Service.objects.exists():
            raise CommandError("No services: pass --services N (after `lotse synth`).")
        result = measure(options["queries"], options["warmup"], options["seed"])
        if options["json"]:
            self.stdout.write(json.dumps(asdict(result), indent=2))
            return
        load = ", ".join(f"{x:.2f}" for x in result.load_average)
        self.stdout.write(
            f"{result.services} services, {result.locations} locations ({result.vendor}), "
            f"{result.queries} filtered searches: p50 {result.p50_ms} ms, "
            f"p95 {result.p95_ms} ms, max {result.max_ms} ms; median {result.median_matches} "
            f"matches, at most {result.sql_per_search} SQL queries per search; "
            f"load average {load}"
        )
