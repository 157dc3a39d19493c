"""Helpers for the audit tests: read the rows written after a mark, run the verifier."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.db.models import Max

from lotse.audit.models import AuditEntry


def audit_mark() -> int:
    return AuditEntry.objects.aggregate(m=Max("id"))["m"] or 0


def entries_after(mark: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(id__gt=mark).order_by("id"))


def verify() -> str:
    """Run `lotse audit verify`; returns its output, raises CommandError when tampered."""
    out = StringIO()
    call_command("audit", "verify", stdout=out, stderr=StringIO())
    return out.getvalue()


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"
