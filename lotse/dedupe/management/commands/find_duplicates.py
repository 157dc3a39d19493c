"""`lotse find_duplicates [--threshold P]`: fill the duplicate review queue.

Run it from cron or a timer (nightly is enough); pairs already in the queue,
decided or not, are left as they are.
"""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.dedupe.candidates import DEFAULT_THRESHOLD, find_candidates


def _probability(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = "Link the stored persons and queue the likely duplicates for review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--threshold",
            default=str(DEFAULT_THRESHOLD),
            help="Lowest match probability queued, above 0 and at most 1 "
            f"(default {DEFAULT_THRESHOLD}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            threshold = _probability(options["threshold"])
        except ValueError:
            raise CommandError(
                f"--threshold must be a probability above 0 and at most 1, not {options['threshold']!r}"
            ) from None

        def progress(message: str) -> None:
            sys.stderr.write(message + "\n")

        result = find_candidates(threshold, progress=progress)
        self.stdout.write(
            f"{result.persons} persons, {result.pairs_scored} pairs compared, "
            f"{result.created} new pairs queued"
        )
