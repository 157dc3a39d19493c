"""The reports replica: routing, read-only connection, falling back when it is down, settings."""

import json
import logging
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.test.utils import CaptureQueriesContext

from lotse.audit.models import AuditEntry
from lotse.core import reports
from lotse.core.reports import REPORTS, ReportsRouter, compute, run_report
from lotse.network.models import Organisation
from lotse.testing import factories as f
from lotse.testing.replica import reports_alias

BOTH = [DEFAULT_DB_ALIAS, REPORTS]
ORGANISATION_TABLE = "network_organisation"


@pytest.fixture(scope="module")
def replica(django_db_setup):
    with reports_alias() as connection:
        yield connection


def _count_organisations() -> int:
    return Organisation.objects.count()


def _sql(captured: CaptureQueriesContext) -> str:
    return " ".join(query["sql"] for query in captured.captured_queries)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_only_a_reports_reads_go_to_the_replica(replica):
    f.OrganisationFactory.create_batch(2)
    primary = connections[DEFAULT_DB_ALIAS]
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(primary) as on_primary:
        assert compute(_count_organisations) == 2
        assert _count_organisations() == 2  # outside a report: the primary
    assert _sql(on_replica).count(ORGANISATION_TABLE) == 1
    assert _sql(on_primary).count(ORGANISATION_TABLE) == 1


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_writes_and_the_audit_chain_stay_on_the_primary_inside_a_report(replica, alice, caplog):
    def report_that_writes() -> int:
        Organisation.objects.create(name="Neu")
        # Read back inside a write transaction on the primary: must see the write.
        from django.db import transaction

        with transaction.atomic():
            Organisation.objects.create(name="Noch neuer")
            return Organisation.objects.filter(name__startswith="N").count()

    with CaptureQueriesContext(replica) as on_replica:
        assert compute(report_that_writes) == 2
        run_report(alice, "test.report", _count_organisations)
    sql = _sql(on_replica)
    assert "INSERT" not in sql and "UPDATE" not in sql
    assert "audit_" not in sql
    assert AuditEntry.objects.filter(object_type="report", object_id="test.report").count() == 1
    # Answered by the primary as routed, not by falling back after a failed replica read.
    assert not [record for record in caplog.records if record.name == "lotse.reports"]


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_replica_connection_refuses_writes(replica):
    with pytest.raises(DatabaseError), replica.cursor() as cursor:
        cursor.execute("CREATE TABLE lotse_reports_probe (a integer)")


def test_the_router_never_migrates_the_replica_and_writes_to_the_primary():
    router = ReportsRouter()
    assert router.allow_migrate(REPORTS, "people") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "people") is None
    assert router.db_for_write(Organisation) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Organisation) is None  # outside a report: Django's default


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_replica_that_is_down_falls_back_to_the_primary_and_is_left_alone(replica, caplog):
    f.OrganisationFactory.create_batch(3)
    engine = connections[DEFAULT_DB_ALIAS].vendor
    unreachable = (
        {"NAME": "/nonexistent-lotse-directory/reports.sqlite3"}
        if engine == "sqlite"
        else {"HOST": "127.0.0.1", "PORT": "1"}
    )
    with reports_alias(**unreachable) as down, caplog.at_level(logging.WARNING, "lotse.reports"):
        tried = mock.patch.object(down, "connect", wraps=down.connect)
        with tried as connect:
            assert compute(_count_organisations) == 3
            assert compute(_count_organisations) == 3
        assert connect.call_count == 1  # the second report did not wait for it again
        warnings = [r for r in caplog.records if r.name == "lotse.reports"]
        assert len(warnings) == 1
        assert "reading reports from the primary" in warnings[0].getMessage()
        # After the pause the replica is tried again.
        with mock.patch.object(reports.time, "monotonic", return_value=1e12):
            with mock.patch.object(down, "connect", wraps=down.connect) as again:
                assert compute(_count_organisations) == 3
            assert again.call_count == 1
    # The working replica is back once the outer alias is restored.
    with CaptureQueriesContext(connections[REPORTS]) as on_replica:
        assert compute(_count_organisations) == 3
    assert ORGANISATION_TABLE in _sql(on_replica)


def _settings_in_subprocess(**env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({k: {'MIRROR': v['TEST'].get('MIRROR'), 'OPTIONS': v['OPTIONS'], "
        "'HOST': v['HOST']} for k, v in settings.DATABASES.items()}))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lotse.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )


def test_the_environment_variable_adds_a_read_only_mirrored_alias():
    url = "postgres://lotse@replica.kreis.example:5432/lotse"
    result = _settings_in_subprocess(LOTSE_REPORTS_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout.splitlines()[-1])
    assert databases["reports"]["HOST"] == "replica.kreis.example"
    assert databases["reports"]["MIRROR"] == "default"
    assert "default_transaction_read_only=on" in databases["reports"]["OPTIONS"]["options"]
    assert databases["default"]["MIRROR"] is None

    without = _settings_in_subprocess(LOTSE_REPORTS_DATABASE_URL="")
    assert without.returncode == 0, without.stderr
    assert "reports" not in json.loads(without.stdout.splitlines()[-1])

    bad = _settings_in_subprocess(LOTSE_REPORTS_DATABASE_URL="replica.kreis.example/lotse")
    assert bad.returncode != 0
    assert "LOTSE_REPORTS_DATABASE_URL is not a valid database URL" in bad.stderr
