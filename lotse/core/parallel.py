"""Parallel query per kind of process.

PostgreSQL's parallel query (two workers per query by default) helps a lone batch
query and hurts a busy web server: each page's query then takes three processes
for a few milliseconds, and with fifty users on two cores those extra processes
are what the pages wait for (docs/benchmarks.md, sixth and seventh sessions).
So the web server's interactive connection ("default") runs without it, while
task workers (target groups, reminders) and the reports connection keep
PostgreSQL's. An operator who sets LOTSE_DB_PARALLEL_WORKERS decides for all
processes instead (lotse.settings).
"""

import os

from django.conf import settings
from django.db import connections

WEB_PARALLEL_WORKERS = 0
OPTION = "max_parallel_workers_per_gather"


def serve_interactive_queries() -> bool:
    """Turn parallel query off for this process's "default" connection.

    Call before the web server answers requests. Returns whether it changed
    anything: not where the operator chose (the environment variable) or on SQLite.
    """
    if "LOTSE_DB_PARALLEL_WORKERS" in os.environ:
        return False
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return False
    options = database.setdefault("OPTIONS", {})
    current = options.get("options", "")
    if OPTION in current:
        return False
    options["options"] = f"{current} -c {OPTION}={WEB_PARALLEL_WORKERS}".strip()
    # New connections take it from the options; one already open (a start-up
    # check, a benchmark's own reads) is told directly instead of being closed
    # under whoever holds it.
    connection = connections["default"]
    if connection.connection is not None:
        with connection.cursor() as cursor:
            cursor.execute(f"SET {OPTION} = {WEB_PARALLEL_WORKERS}")
    return True
