"""Twenty submits of one form, twenty accepts of one referral: exactly one wins.

Each thread has its own connection and transaction, as web workers would.
The form token's unique constraint and the referral's row lock decide.
"""

import threading
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from lotse.accounts.choices import Role
from lotse.audit.models import AuditEntry
from lotse.network.choices import OrganisationKind
from lotse.referrals.actions import do_move_referral, do_send_referral
from lotse.referrals.models import Referral
from lotse.testing import factories as f

THREADS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite's in-memory test database cannot hold concurrent writers; "
        "row locks and waiting unique checks are PostgreSQL's",
    ),
]


def _race(target: Any) -> tuple[list[Any], list[BaseException]]:
    results: list[Any] = []
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run() -> None:
        try:
            start.wait()
            results.append(target())
        except BaseException as exc:  # reported to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results, errors


@pytest.fixture
def scene():
    caritas = f.OrganisationFactory(name="Caritas Wettlauf")
    jobcentre = f.OrganisationFactory(name="Jobcenter Wettlauf", kind=OrganisationKind.JOB_CENTRE)
    alice = f.staff(caritas, Role.CASE_MANAGER)
    bob = f.staff(jobcentre, Role.OFFICE_STAFF)
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.consent(case, [jobcentre], ("identity",), actor=alice)
    return case, jobcentre, alice, bob


def test_it_creates_one_referral_for_twenty_concurrent_submits(scene):
    case, jobcentre, alice, _bob = scene
    key = uuid.uuid4()

    def submit() -> Any:
        return do_send_referral(
            alice,
            case,
            request="Beratung",
            categories=("identity",),
            idempotency_key=key,
            recipient=jobcentre,
        )

    results, errors = _race(submit)
    assert errors == []
    assert Referral.objects.count() == 1
    assert sum(1 for _referral, created in results if created) == 1
    assert AuditEntry.objects.filter(object_type="referrals.referral", action="create").count() == 1


def test_it_lets_one_of_twenty_concurrent_accepts_win(scene):
    case, jobcentre, alice, bob = scene
    referral = f.referral(case, jobcentre, ("identity",), actor=alice)

    def accept() -> Any:
        return do_move_referral(bob, referral, "accepted", expected_version=1)

    results, errors = _race(accept)
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ValidationError) for error in errors)
    referral.refresh_from_db()
    assert (referral.status, referral.version) == ("accepted", 2)
    assert AuditEntry.objects.filter(object_type="referrals.referral", action="update").count() == 1
