import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.referrals.bench import OFFICE, ensure_inbox, run
from lotse.referrals.models import Referral
from lotse.synth.bench.stats import HEADER, table
from lotse.synth.bench.transport import DjangoClientTransport, HttpTransport


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


class Command(BaseCommand):
    help = (
        "Measure the referral inbox of an office that received many referrals (first "
        "pages, deep pages, status filters). Builds the data once: use a benchmark database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--referrals", type=int, default=50000)
        parser.add_argument("--persons", type=int, default=500)
        parser.add_argument("--requests", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--client", choices=("http", "django"), default="http")
        parser.add_argument("--warmup", type=int, default=6)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["requests"] < 1 or options["referrals"] < 1:
            raise CommandError("--requests and --referrals must be at least 1.")
        user = ensure_inbox(
            options["referrals"],
            persons=options["persons"],
            seed=options["seed"],
            progress=lambda m: sys.stderr.write(m + "\n"),
        )
        total = Referral.objects.filter(recipient_organisation__name=OFFICE).count()
        load_before = _load()
        transport: Any = (
            HttpTransport(user) if options["client"] == "http" else DjangoClientTransport(user)
        )
        try:
            summaries, slowest = run(
                transport,
                requests=options["requests"],
                seed=options["seed"],
                warmup=options["warmup"],
            )
        finally:
            transport.close()
        self.stdout.write(
            f"Inbox of {user.username} ({options['client']} client): {total} referrals; "
            f"load average before {load_before}, after {_load()}."
        )
        self.stdout.write(table([HEADER, *(s.as_row() for s in summaries)]))
        self.stdout.write("Slowest requests:")
        for millis, url in slowest:
            self.stdout.write(f"  {millis:7.1f} ms  {url}")
