"""A "reports" database alias for tests, as LOTSE_REPORTS_DATABASE_URL would add it.

Settings are read once per test run, so the alias cannot come from the
environment there. `reports_alias()` adds it to the connection handler after the
test databases exist, built by the same `reports_database()` as in production
(read-only connection, TEST MIRROR of "default"): by default on the test
database itself, through a connection of its own. That connection does not
share the test's transaction: use it with `django_db(transaction=True)`.

Django's test case checks its `databases` against the configured aliases when
it starts, so the alias must exist before: enter `reports_alias()` in a
module-scoped fixture (pytest sets those up before the database fixtures of a
test) and mark the tests `django_db(transaction=True, databases=["default",
"reports"])`. Inside a test, `reports_alias(PORT=...)` replaces it for a while
(a replica that is down) and puts the outer one back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from lotse.core.reports import REPORTS, reset_replica_state
from lotse.settings import reports_database


def _drop_connection() -> None:
    if REPORTS in connections.settings:
        connections[REPORTS].close()
        del connections[REPORTS]


def _install(alias: dict[str, Any] | None) -> None:
    _drop_connection()
    if alias is None:
        connections.settings.pop(REPORTS, None)
        settings.DATABASES.pop(REPORTS, None)
    else:
        connections.settings[REPORTS] = alias
        settings.DATABASES[REPORTS] = alias
    reset_replica_state()


@contextmanager
def reports_alias(**overrides: Any) -> Iterator[Any]:
    """overrides: settings keys to change, e.g. HOST/PORT/NAME of a server that is not there."""
    previous = connections.settings.get(REPORTS)
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    _install(reports_database({**primary, **overrides}))
    try:
        yield connections[REPORTS]
    finally:
        _install(previous)
