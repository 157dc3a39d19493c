import sys
import time
from typing import Any

from django.core.management.base import BaseCommand

from lotse.namekeys.service import rebuild_all


class Command(BaseCommand):
    help = (
        "Recompute the search keys of every person's names, e.g. after the variant "
        "dictionary or the normalisation rules changed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()

        def progress(persons: int, keys: int) -> None:
            if persons % 20000 == 0:
                sys.stderr.write(f"{persons} persons, {keys} keys\n")

        total = rebuild_all(progress)
        seconds = time.monotonic() - started
        self.stdout.write(f"Name keys rebuilt: {total} keys in {seconds:.1f} s.")
