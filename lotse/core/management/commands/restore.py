from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.backup import (
    BackupError,
    current_counts,
    documents_present,
    has_data,
    read_verified,
    restore,
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by `lotse backup`: checks every checksum first, refuses a "
        "database or document store that holds data unless --force, verifies row counts "
        "and the audit trail's hash chain afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help="The backup folder.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data; existing documents are moved aside.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["input"]
        try:
            manifest = read_verified(source)
        except BackupError as exc:
            raise CommandError(f"Nothing restored: {exc}") from None
        self.stdout.write("Checksums verified.")
        if not options["force"] and (has_data() or documents_present()):
            raise CommandError(
                "Nothing restored: the database or the document store holds data. "
                "Restore into an empty one, or pass --force to replace it."
            )
        try:
            restore(source, manifest)
        except BackupError as exc:
            raise CommandError(f"Restore failed: {exc}") from None
        restored = current_counts()
        differing = sorted(t for t, n in manifest.counts.items() if restored.get(t) != n)
        if differing:
            raise CommandError(
                "Restored, but row counts differ from the backup in: " + ", ".join(differing)
            )
        self.stdout.write(
            f"Restored {sum(restored.values())} rows and "
            f"{len(manifest.data['documents'])} documents; row counts match the backup."
        )
        call_command("audit", "verify", stdout=self.stdout, stderr=self.stderr)
