import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.people.models import Person
from lotse.synth.bench.runner import bench_user, run
from lotse.synth.bench.stats import HEADER, table
from lotse.synth.bench.transport import DjangoClientTransport, HttpTransport, Transport
from lotse.synth.generate import SynthOptions, generate


class Command(BaseCommand):
    help = (
        "Measure page latency on the current database as a case manager: case lists "
        "filtered by phase (walking their pages) and person pages. Reports p50/p95/p99/max "
        "in milliseconds and the number of database queries per page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--requests", type=int, default=200, help="Measured requests per kind of page."
        )
        parser.add_argument(
            "--persons",
            type=int,
            default=0,
            help="First synthesise persons until the database holds at least this many.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Seed for synthesis and sampling.")
        parser.add_argument(
            "--user", default="", help="Username of the case manager (default: the busiest one)."
        )
        parser.add_argument(
            "--client",
            choices=("http", "django"),
            default="http",
            help="http: real HTTP to Django's WSGI server in a thread; django: django.test.Client.",
        )
        parser.add_argument("--warmup", type=int, default=5, help="Unmeasured requests first.")
        parser.add_argument("--json", action="store_true", help="Print the results as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["requests"] < 1:
            raise CommandError("--requests must be at least 1.")
        missing = options["persons"] - Person.objects.count()
        if missing > 0:
            generate(
                SynthOptions(persons=missing, seed=options["seed"]),
                progress=lambda m: sys.stderr.write(m + "\n"),
            )
        user = bench_user(options["user"])
        transport: Transport = (
            HttpTransport(user) if options["client"] == "http" else DjangoClientTransport(user)
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
        finally:
            transport.close()
        if options["json"]:
            payload = {
                "user": user.username,
                "client": options["client"],
                "persons": Person.objects.count(),
                "pages": [s.__dict__ for s in result.summaries],
                "statuses": result.statuses,
                "slowest": result.slowest,
            }
            self.stdout.write(json.dumps(payload, indent=2, default=str))
            return
        self.stdout.write(
            f"Case manager {user.username} ({options['client']} client), "
            f"{Person.objects.count()} persons in the database."
        )
        self.stdout.write(table([HEADER, *(s.as_row() for s in result.summaries)]))
        self.stdout.write("Slowest requests:")
        for millis, url in result.slowest:
            self.stdout.write(f"  {millis:7.1f} ms  {url}")
        for name, statuses in result.statuses.items():
            if set(statuses) - {200}:
                self.stdout.write(f"{name}: status codes {dict(sorted(statuses.items()))}")
