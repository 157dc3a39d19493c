"""The coordinator's reports read from a PostgreSQL replica when one is configured.

`LOTSE_REPORTS_DATABASE_URL` adds the database alias "reports" (lotse/settings.py).
A report is computed through `run_report`: its reads go to that alias, and only
its reads. Everything else stays on the primary ("default"):

- every write, and the audit entry of the report read in particular: the audit
  chain is appended under a lock of its head row on the primary;
- every read outside `run_report` (case work must see what was just saved);
- reads of the tables that are the primary's business even inside a report
  (audit chain, sessions, lockouts, the task queue, job receipts);
- reads inside a transaction on the primary, which must see that transaction.

A replica that cannot be reached, or that cancels a query (a hot standby does
so when replay conflicts with it), does not take the reports down: the report is
computed again on the primary, a warning is logged once, and the replica is left
alone for `REPLICA_RETRY_SECONDS` so that requests do not wait for its timeout
one after the other. Reports are counts over the whole district; the primary
answered them before there was a replica, so it can carry them for a while.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.models import Model

REPORTS = "reports"
REPORT_OBJECT = "report"
REPLICA_RETRY_SECONDS = 30.0
# Tables whose reads must see the primary's latest state.
PRIMARY_ONLY_APPS = frozenset({"audit", "sessions", "axes", "django_tasks_db", "core"})

logger = logging.getLogger("lotse.reports")

T = TypeVar("T")

_in_report: ContextVar[bool] = ContextVar("lotse_in_report", default=False)
# Per process: until when (time.monotonic()) the replica is not tried again.
_replica_down_until = 0.0


def replica_configured() -> bool:
    return REPORTS in connections.settings


class ReportsRouter:
    """Sends a report's reads to the replica; everything else to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not _in_report.get():
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPORTS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        # Explicit: without it an object read from the replica would be saved there.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPORTS} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica follows the primary's schema by replication.
        return False if db == REPORTS else None


@contextmanager
def _reading_replica() -> Any:
    token = _in_report.set(True)
    try:
        yield
    finally:
        _in_report.reset(token)


def _replica_usable() -> bool:
    return replica_configured() and time.monotonic() >= _replica_down_until


def _mark_replica_down(exc: BaseException) -> None:
    global _replica_down_until
    _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
    # The type only: a driver's message can quote values.
    logger.warning(
        "reports database unavailable, reading reports from the primary",
        extra={"error": type(exc).__name__, "retry_after_s": REPLICA_RETRY_SECONDS},
    )
    with suppress(OperationalError, InterfaceError):
        connections[REPORTS].close()


def compute(report: Callable[[], T]) -> T:
    """Evaluate `report` (it must return evaluated data, not lazy querysets)."""
    if not _replica_usable():
        return report()
    try:
        with _reading_replica():
            return report()
    except (OperationalError, InterfaceError) as exc:
        _mark_replica_down(exc)
    return report()


def run_report(actor: Any, name: str, report: Callable[[], T]) -> T:
    """Compute a report (on the replica if there is one) and audit the read on the primary."""
    # Imported here: the router module is loaded with the settings' routers,
    # which must not pull models in before the apps are ready.
    from lotse.audit.log import record
    from lotse.audit.models import AuditAction

    result = compute(report)
    record(actor, AuditAction.READ, object_type=REPORT_OBJECT, object_id=name)
    return result


def reset_replica_state() -> None:
    """Forget that the replica was down (tests, and `lotse shell` after a repair)."""
    global _replica_down_until
    _replica_down_until = 0.0
