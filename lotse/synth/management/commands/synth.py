import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.accounts.choices import Role
from lotse.synth.bench.stats import table
from lotse.synth.conferences import add_conferences
from lotse.synth.deadlines import write_tasks
from lotse.synth.demo import DEMO_PERSONS, demo_logins, make_demo
from lotse.synth.generate import DEFAULT_DISTRICT, SynthOptions, generate


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic district: offices, staff, persons, households, "
        "cases, consents and access grants. `--demo` makes a small set with one login per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=1000, help="How many persons.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--district", default=DEFAULT_DISTRICT, help="Name of the synthetic district."
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help=f"About {DEMO_PERSONS} persons and one demo login per role (printed at the end).",
        )
        parser.add_argument("--chunk-size", type=int, default=10_000, help=argparse.SUPPRESS)

    def progress(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        if options["demo"]:
            self._demo(options["seed"])
            return
        if options["persons"] < 1:
            raise CommandError("--persons must be at least 1.")
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1.")
        result = generate(
            SynthOptions(
                persons=options["persons"],
                seed=options["seed"],
                district=options["district"],
                chunk_size=options["chunk_size"],
            ),
            progress=self.progress,
        )
        result.rows["deadlines_task"] = write_tasks(seed=options["seed"], progress=self.progress)
        for table_name, n in add_conferences(options["seed"], progress=self.progress).items():
            result.rows[table_name] = result.rows.get(table_name, 0) + n
        rows = [["table", "rows"], *([k, str(v)] for k, v in sorted(result.rows.items()))]
        self.stdout.write(table(rows))
        self.stdout.write(
            f"Generated {options['persons']} persons in district {result.plan.name} "
            f"in {result.seconds:.1f} s."
        )

    def _demo(self, seed: int) -> None:
        result = make_demo(seed, progress=self.progress)
        if result is None:
            self.stdout.write("Demo data already present; demo passwords were reset.")
        logins = demo_logins()
        rows = [["username", "role", "organisation", "password"]]
        rows += [[d.username, str(Role(d.role).label), d.organisation, d.password] for d in logins]
        self.stdout.write("Demo logins:")
        self.stdout.write(table(rows))
