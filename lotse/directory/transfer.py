"""CSV and XLSX import and export of directory entries.

One row per service. Columns carry stable English keys (a machine format that
round-trips); `locations` holds one location per line, its parts separated by
" | ": street | postcode | place | accessibility | opening hours | latitude |
longitude. An import is all or nothing: every row is checked first, and any
error (with its row number) leaves the directory unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.audit.export import csv_cell
from lotse.cases.models import LifeArea
from lotse.directory.actions import ServiceData, _store, validate_service
from lotse.directory.maintainers import may_maintain
from lotse.directory.models import Service, ServiceKind
from lotse.network.models import Organisation

COLUMNS = (
    "id",
    "name",
    "provider",
    "kind",
    "description",
    "life_areas",
    "target_groups",
    "eligibility",
    "languages",
    "contact_name",
    "email",
    "phone",
    "website",
    "capacity",
    "free_places",
    "waiting_weeks",
    "last_verified_on",
    "active",
    "locations",
)
REQUIRED_COLUMNS = ("name", "provider", "kind")
LOCATION_PARTS = (
    "street",
    "postcode",
    "place",
    "accessibility",
    "opening_hours",
    "latitude",
    "longitude",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 50_000
TRUE = {"1", "true", "yes", "ja", "wahr", "x"}
FALSE = {"0", "false", "no", "nein", "falsch"}


class ImportFailed(Exception):
    """The file was refused as a whole; `errors` lists (row number or 0, message)."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


# --- export -----------------------------------------------------------------


def _locations_cell(service: Service) -> str:
    lines = []
    for loc in service.locations.all():
        parts = [str(getattr(loc, name) or "") for name in LOCATION_PARTS]
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def export_row(service: Service) -> list[Any]:
    return [
        service.pk,
        service.name,
        service.provider.name,
        service.kind,
        service.description,
        ",".join(a.code for a in service.life_areas.all()),
        service.target_groups,
        service.eligibility,
        service.languages,
        service.contact_name,
        service.email,
        service.phone,
        service.website,
        service.capacity,
        service.free_places,
        service.waiting_weeks,
        service.last_verified_on.isoformat() if service.last_verified_on else "",
        "true" if service.active else "false",
        _locations_cell(service),
    ]


def export_csv(services: Iterable[Service]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for service in services:
        # Cells that a spreadsheet would run as a formula are defused, as in the audit export.
        writer.writerow([csv_cell(value) for value in export_row(service)])
    return out.getvalue()


def export_xlsx(services: Iterable[Service]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet("services")
    sheet.append(list(COLUMNS))
    for service in services:
        sheet.append([csv_cell(value) for value in export_row(service)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading ----------------------------------------------------------------


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as dicts by column key; ImportFailed for an unreadable file."""
    if name.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.lower().endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise ImportFailed([(0, _("Upload a .csv or .xlsx file."))])
    try:
        header = next(rows)
    except StopIteration:
        raise ImportFailed([(0, _("The file is empty."))]) from None
    keys = [str(cell or "").strip().lower() for cell in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in keys]
    if missing:
        raise ImportFailed(
            [(1, _("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})]
        )
    unknown = [k for k in keys if k and k not in COLUMNS]
    if unknown:
        raise ImportFailed(
            [(1, _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})]
        )
    out: list[dict[str, str]] = []
    for row in rows:
        cells = ["" if cell is None else _text(cell) for cell in row]
        if not any(cell.strip() for cell in cells):
            out.append({})  # keeps row numbers honest; skipped later
            continue
        out.append({key: cells[i] if i < len(cells) else "" for i, key in enumerate(keys) if key})
        if len(out) > MAX_IMPORT_ROWS:
            raise ImportFailed(
                [(0, _("At most %(count)s rows per file.") % {"count": MAX_IMPORT_ROWS})]
            )
    return out


def _text(cell: Any) -> str:
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _csv_rows(content: bytes) -> Iterator[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed([(0, _("The CSV file is not UTF-8 text."))]) from None
    if "\x00" in text:
        raise ImportFailed([(0, _("The file contains NUL characters."))])
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as exc:
        raise ImportFailed(
            [(0, _("The CSV file cannot be read: %(error)s") % {"error": exc})]
        ) from None


def _xlsx_rows(content: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ImportFailed([(0, _("The XLSX file cannot be read."))]) from None
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield list(row)


# --- parsing one row --------------------------------------------------------


def _number(value: str, label: str, errors: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        errors.append(
            _("%(field)s: not a whole number: %(value)s") % {"field": label, "value": value}
        )
        return None
    if number < 0:
        errors.append(_("%(field)s: must not be negative.") % {"field": label})
        return None
    return number


def _decimal(value: str) -> Decimal | None:
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(value) from None


def parse_locations(cell: str, errors: list[str]) -> list[dict[str, Any]]:
    locations: list[dict[str, Any]] = []
    for number, line in enumerate(x for x in cell.replace("\r", "").split("\n") if x.strip()):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > len(LOCATION_PARTS):
            errors.append(
                _("Location %(number)s has more than %(count)s parts.")
                % {"number": number + 1, "count": len(LOCATION_PARTS)}
            )
            continue
        values: dict[str, Any] = dict(zip(LOCATION_PARTS, parts + [""] * 7, strict=False))
        try:
            values["latitude"] = _decimal(values["latitude"])
            values["longitude"] = _decimal(values["longitude"])
        except ValueError as exc:
            errors.append(
                _("Location %(number)s: not a coordinate: %(value)s")
                % {"number": number + 1, "value": exc}
            )
            continue
        locations.append(values)
    return locations


@dataclass
class Lookups:
    providers: dict[str, Organisation]
    life_areas: dict[str, LifeArea]
    services: dict[int, Service]


def _lookups(rows: list[dict[str, str]]) -> Lookups:
    names = {row.get("provider", "").strip() for row in rows}
    ids = set()
    for row in rows:
        raw = row.get("id", "").strip()
        if raw.isdigit() and len(raw) < 18:
            ids.add(int(raw))
    return Lookups(
        providers={o.name: o for o in Organisation.objects.filter(name__in=names)},
        life_areas={a.code: a for a in LifeArea.objects.filter(active=True)},
        services=Service.objects.in_bulk(ids),
    )


def parse_row(actor: Any, row: dict[str, str], lookups: Lookups) -> tuple[Service, ServiceData]:
    """The service the row creates or changes, and its data; ValidationError lists all faults."""
    errors: list[str] = []
    service = Service()
    raw_id = row.get("id", "").strip()
    if raw_id:
        found = lookups.services.get(int(raw_id)) if raw_id.isdigit() and len(raw_id) < 18 else None
        if found is None:
            errors.append(_("No service with id %(id)s.") % {"id": raw_id})
        else:
            service = found
    if service.pk and actor is not None and not may_maintain(actor, service.provider_id):
        errors.append(_("Service %(id)s belongs to another provider.") % {"id": raw_id})
    provider = lookups.providers.get(row.get("provider", "").strip())
    if provider is None:
        errors.append(_("Unknown provider: %(name)s") % {"name": row.get("provider", "")})
    elif actor is not None and not may_maintain(actor, provider.pk):
        errors.append(
            _("You may import only your own organisation's services, not %(name)s.")
            % {"name": provider.name}
        )
    kind = row.get("kind", "").strip()
    if kind not in ServiceKind.values:
        errors.append(_("Unknown kind: %(kind)s") % {"kind": kind})
    areas = []
    for code in (c.strip() for c in row.get("life_areas", "").split(",") if c.strip()):
        if code in lookups.life_areas:
            areas.append(lookups.life_areas[code])
        else:
            errors.append(_("Unknown life area: %(code)s") % {"code": code})
    verified = None
    if row.get("last_verified_on", "").strip():
        try:
            verified = datetime.date.fromisoformat(row["last_verified_on"].strip())
        except ValueError:
            errors.append(
                _("last_verified_on: not a date (YYYY-MM-DD): %(value)s")
                % {"value": row["last_verified_on"]}
            )
    # An empty or missing cell keeps the default: listed.
    active_text = row.get("active", "").strip().lower() or "true"
    if active_text not in TRUE | FALSE:
        errors.append(_("active: write true or false, not %(value)s") % {"value": active_text})
    fields: dict[str, Any] = {
        "provider": provider,
        "name": row.get("name", "").strip(),
        "kind": kind,
        "description": row.get("description", "").strip(),
        "target_groups": row.get("target_groups", "").strip(),
        "eligibility": row.get("eligibility", "").strip(),
        "languages": row.get("languages", ""),
        "contact_name": row.get("contact_name", "").strip(),
        "email": row.get("email", "").strip(),
        "phone": row.get("phone", "").strip(),
        "website": row.get("website", "").strip(),
        "capacity": _number(row.get("capacity", ""), "capacity", errors),
        "free_places": _number(row.get("free_places", ""), "free_places", errors),
        "waiting_weeks": _number(row.get("waiting_weeks", ""), "waiting_weeks", errors),
        "last_verified_on": verified,
        "active": active_text in TRUE,
    }
    locations = parse_locations(row.get("locations", ""), errors)
    data = ServiceData(fields=fields, life_areas=areas, locations=locations)
    if not errors and provider is not None:
        # Field checks on a copy: nothing is saved until every row passed.
        probe = Service(pk=service.pk, provider=provider)
        try:
            validate_service(probe, data)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.extend(f"{name}: {message}" for message in messages)
    if errors:
        raise ValidationError(errors)
    return service, data


def import_services(actor: Any, rows: list[dict[str, str]]) -> tuple[int, int]:
    """Check every row, then store all in one transaction: (created, updated)."""
    lookups = _lookups(rows)
    parsed: list[tuple[Service, ServiceData]] = []
    errors: list[tuple[int, str]] = []
    seen: set[int] = set()
    # Row 1 is the header: data rows are numbered as a spreadsheet shows them.
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        try:
            service, data = parse_row(actor, row, lookups)
        except ValidationError as exc:
            errors.extend((number, message) for message in exc.messages)
            continue
        if service.pk:
            if service.pk in seen:
                errors.append((number, _("Service %(id)s appears twice.") % {"id": service.pk}))
                continue
            seen.add(service.pk)
        parsed.append((service, data))
    if errors:
        raise ImportFailed(errors)
    if not parsed:
        raise ImportFailed([(0, _("The file holds no services."))])
    created = updated = 0
    from lotse.audit.log import snapshot

    try:
        with transaction.atomic():
            for service, data in parsed:
                before = snapshot(service) if service.pk else None
                _store(actor, service, data, before)
                if before is None:
                    created += 1
                else:
                    updated += 1
    except PermissionDenied as exc:
        raise ImportFailed([(0, str(exc))]) from None
    return created, updated
