"""`lotse directory import FILE`, `export FILE`, `postcodes FILE`: the directory from the command line.

The command acts as the operator: an import may hold any provider's services.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lotse.directory.models import PostcodeArea, Service
from lotse.directory.search import ServiceFilters, Verified, for_display, search_services
from lotse.directory.transfer import (
    ImportFailed,
    export_csv,
    export_xlsx,
    import_services,
    read_rows,
)


class Command(BaseCommand):
    help = "Import or export the service directory (CSV/XLSX), or load postcode centroids (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        importing = sub.add_parser("import", help="All or nothing; errors name their rows.")
        importing.add_argument("file", type=Path)
        exporting = sub.add_parser("export", help="Every active entry, stale ones included.")
        exporting.add_argument("file", type=Path, help="Ends in .csv or .xlsx.")
        exporting.add_argument(
            "--inactive", action="store_true", help="Also entries no longer offered."
        )
        postcodes = sub.add_parser(
            "postcodes", help="CSV with columns postcode,place,latitude,longitude (WGS84)."
        )
        postcodes.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        path: Path = options["file"]
        if what == "import":
            self._import(path)
        elif what == "export":
            self._export(path, options["inactive"])
        else:
            self._postcodes(path)

    def _import(self, path: Path) -> None:
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
        try:
            created, updated = import_services(None, read_rows(path.name, content))
        except ImportFailed as failed:
            for row, message in failed.errors:
                self.stderr.write(f"row {row}: {message}" if row else message)
            raise CommandError(f"{len(failed.errors)} errors: nothing was imported.") from None
        self.stdout.write(f"Imported {created} new and {updated} changed services.")

    def _export(self, path: Path, inactive: bool) -> None:
        if path.suffix not in (".csv", ".xlsx"):
            raise CommandError("The file name must end in .csv or .xlsx.")
        services = (
            Service.objects.all()
            if inactive
            else search_services(ServiceFilters(verified=Verified.ALL))
        )
        rows = for_display(services).order_by("name", "id").iterator(chunk_size=2000)
        if path.suffix == ".xlsx":
            path.write_bytes(export_xlsx(rows))
        else:
            path.write_text(export_csv(rows), encoding="utf-8")
        self.stdout.write(f"Exported to {path}.")

    def _postcodes(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None
        areas: list[PostcodeArea] = []
        for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            try:
                lat, lon = Decimal(row["latitude"]), Decimal(row["longitude"])
            except (KeyError, InvalidOperation, TypeError):
                raise CommandError(
                    f"row {number}: latitude and longitude must be numbers."
                ) from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row.get("postcode"):
                raise CommandError(f"row {number}: postcode and WGS84 coordinates needed.")
            areas.append(
                PostcodeArea(
                    postcode=row["postcode"].strip(),
                    place=(row.get("place") or "").strip(),
                    latitude=round(lat, 5),
                    longitude=round(lon, 5),
                )
            )
        with transaction.atomic():
            PostcodeArea.objects.bulk_create(
                areas,
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=["place", "latitude", "longitude"],
            )
        self.stdout.write(f"Loaded {len(areas)} postcode areas.")
