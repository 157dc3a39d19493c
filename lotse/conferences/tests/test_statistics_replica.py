"""The coordinator's figures read from the reports replica; the audit entry stays on the primary."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.core.reports import REPORT_OBJECT, REPORTS
from lotse.testing.replica import reports_alias

CONFERENCES_TABLE = "conferences_caseconference"
AUDIT_TABLE = "audit_auditentry"


def _sql(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture(scope="module")
def replica(django_db_setup):
    with reports_alias() as connection:
        yield connection


@pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPORTS])
def test_the_figures_come_from_the_replica_and_the_audit_entry_goes_to_the_primary(
    client, login, cody, schedule, replica
):
    for _ in range(3):
        schedule()
    login(cody)
    primary = connections[DEFAULT_DB_ALIAS]
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(primary) as on_primary:
        page = client.get(reverse("conferences:statistics"))

    assert page.status_code == 200
    # Real figures, read through the replica's own connection.
    assert page.context["figures"].conferences == 3
    replica_sql = _sql(on_replica)
    assert any(CONFERENCES_TABLE in sql for sql in replica_sql)
    assert all(sql.lstrip().upper().startswith("SELECT") for sql in replica_sql)
    assert not any(AUDIT_TABLE in sql for sql in replica_sql)
    primary_sql = _sql(on_primary)
    assert not any(CONFERENCES_TABLE in sql for sql in primary_sql)
    assert any(sql.startswith("INSERT") and AUDIT_TABLE in sql for sql in primary_sql)

    entry = AuditEntry.objects.using(DEFAULT_DB_ALIAS).order_by("-id").first()
    assert entry is not None
    assert (entry.actor_id, entry.action) == (cody.pk, AuditAction.READ)
    assert (entry.object_type, entry.object_id) == (REPORT_OBJECT, "conferences.statistics")
    assert entry.person_id is None and entry.case_id is None
