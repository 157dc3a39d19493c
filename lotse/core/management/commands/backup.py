from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and the document store (encrypted files as they are, "
        "never the key) into a new folder with a checksummed manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="A new or empty folder.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest.counts.values())
        self.stdout.write(
            f"Backup of the {manifest.backend} database ({rows} rows) and "
            f"{len(manifest.data['documents'])} documents written to {options['output']}."
        )
