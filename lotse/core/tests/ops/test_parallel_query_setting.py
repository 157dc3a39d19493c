"""LOTSE_DB_PARALLEL_WORKERS: PostgreSQL's own parallel query unless the operator sets it."""

import json
import os
import subprocess
import sys

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
