"""LOTSE_DB_PARALLEL_WORKERS: PostgreSQL's own parallel query unless the operator sets it."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from lotse.core.tests.ops.processes import database_url

URL = "postgres://lotse@db.kreis.example:5432/lotse"


def _options(**env: str) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "LOTSE_DB_PARALLEL_WORKERS"}
    environment.update(DJANGO_SETTINGS_MODULE="lotse.settings", DATABASE_URL=URL, **env)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_unset_it_leaves_postgresqls_parallel_query_alone():
    assert "max_parallel_workers_per_gather" not in _options().get("options", "")


def test_set_it_becomes_a_connection_option():
    assert _options(LOTSE_DB_PARALLEL_WORKERS="0")["options"].endswith(
        "-c max_parallel_workers_per_gather=0"
    )


def _shown(env: dict[str, str], call: bool) -> dict:
    """What a process's connections report after (or without) the web server's call."""
    code = "\n".join(
        [
            "import json, django",
            "django.setup()",
            "from django.db import connections",
            "from lotse.core.parallel import serve_interactive_queries",
            f"changed = serve_interactive_queries() if {call} else None",
            "shown = {}",
            "for alias in ('default', 'reports'):",
            "    with connections[alias].cursor() as c:",
            "        c.execute('SHOW max_parallel_workers_per_gather')",
            "        shown[alias] = c.fetchone()[0]",
            "print(json.dumps({'changed': changed, **shown}))",
        ]
    )
    environment = {k: v for k, v in os.environ.items() if k != "LOTSE_DB_PARALLEL_WORKERS"}
    environment.update(DJANGO_SETTINGS_MODULE="lotse.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.django_db
def test_the_web_server_runs_its_pages_without_parallel_query():
    if connection.vendor != "postgresql":
        pytest.skip("parallel query is PostgreSQL's")
    # The reports connection to a replica: here the same test database.
    env = {"DATABASE_URL": database_url(), "LOTSE_REPORTS_DATABASE_URL": database_url()}
    default = _shown(env, call=False)
    assert default["default"] == default["reports"] != "0"  # PostgreSQL's own before
    served = _shown(env, call=True)
    # Pages off; the reports connection (coordinators' aggregates) keeps PostgreSQL's.
    assert served == {"changed": True, "default": "0", "reports": default["reports"]}


@pytest.mark.django_db
def test_the_operators_choice_stands_in_the_web_server_too():
    if connection.vendor != "postgresql":
        pytest.skip("parallel query is PostgreSQL's")
    env = {
        "DATABASE_URL": database_url(),
        "LOTSE_REPORTS_DATABASE_URL": database_url(),
        "LOTSE_DB_PARALLEL_WORKERS": "1",
    }
    assert _shown(env, call=True) == {"changed": False, "default": "1", "reports": "1"}


def test_sqlite_has_nothing_to_turn_off(tmp_path):
    code = (
        "import django; django.setup(); "
        "from lotse.core.parallel import serve_interactive_queries; "
        "print(serve_interactive_queries())"
    )
    environment = {k: v for k, v in os.environ.items() if k != "LOTSE_DB_PARALLEL_WORKERS"}
    environment.update(
        DJANGO_SETTINGS_MODULE="lotse.settings", DATABASE_URL="", LOTSE_DATA_DIR=str(tmp_path)
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False"


def test_lotse_serve_turns_it_off_before_loading_the_application(monkeypatch):
    from gunicorn.app.base import BaseApplication

    from lotse.core.management.commands import serve

    calls: list[str] = []
    monkeypatch.setattr(
        "lotse.core.parallel.serve_interactive_queries", lambda: calls.append("parallel off")
    )
    monkeypatch.setattr(BaseApplication, "run", lambda self: calls.append("run"))
    monkeypatch.setattr(serve, "env_bool", lambda name, default: False)
    serve.Command().handle(dev=False)
    assert calls == ["parallel off", "run"]
