import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.cases.models import Case
from lotse.contacts.bench import ClientPostTransport, HttpPostTransport, run
from lotse.synth.bench.runner import bench_user
from lotse.synth.bench.stats import HEADER, table
from lotse.synth.generate import SynthOptions, generate


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


class Command(BaseCommand):
    help = (
        "Measure recording a contact from the case page (the HTMX form) and the case page "
        "itself, as the busiest case manager. Adds real contacts: use a benchmark database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, default=200, help="Contacts to add.")
        parser.add_argument(
            "--persons",
            type=int,
            default=0,
            help="First synthesise persons until the database holds at least this many.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--user", default="", help="Username (default: busiest manager).")
        parser.add_argument("--client", choices=("http", "django"), default="http")
        parser.add_argument("--warmup", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        from lotse.people.models import Person

        if options["requests"] < 1:
            raise CommandError("--requests must be at least 1.")
        missing = options["persons"] - Person.objects.count()
        if missing > 0:
            generate(
                SynthOptions(persons=missing, seed=options["seed"]),
                progress=lambda m: sys.stderr.write(m + "\n"),
            )
        user = bench_user(options["user"])
        load_before = _load()
        transport: Any = (
            HttpPostTransport(user) if options["client"] == "http" else ClientPostTransport(user)
        )
        try:
            result = run(
                transport,
                user,
                requests=options["requests"],
                seed=options["seed"],
                warmup=options["warmup"],
                progress=lambda m: sys.stderr.write(m + "\n"),
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        finally:
            transport.close()
        self.stdout.write(
            f"Case manager {user.username} ({options['client']} client), "
            f"{Case.objects.count()} cases, {Person.objects.count()} persons; "
            f"load average before {load_before}, after {_load()}."
        )
        self.stdout.write(table([HEADER, *(s.as_row() for s in result.summaries)]))
        self.stdout.write("Slowest requests:")
        for millis, url in result.slowest:
            self.stdout.write(f"  {millis:7.1f} ms  {url}")
