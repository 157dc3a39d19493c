import datetime

import pytest

from lotse.accounts.choices import Role
from lotse.cases.models import Case
from lotse.testing import factories as f


@pytest.fixture
def erik(caritas):
    """A second case manager at Caritas: alice's colleague."""
    return f.staff(caritas, Role.CASE_MANAGER, username="erik")


@pytest.fixture
def alice_case(caritas, alice):
    case = f.case(caritas, managers=(alice,), actor=alice)
    # Opened a while ago, so that steps can be overdue and agreements lie in the past.
    Case.objects.filter(pk=case.pk).update(
        opened_on=datetime.date.today() - datetime.timedelta(days=60)
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def language_goal(alice_case, alice):
    return f.goal(alice_case, "language", actor=alice)


@pytest.fixture
def health_goal(alice_case, alice):
    return f.goal(
        alice_case,
        "health",
        actor=alice,
        title="Psychotherapeutische Anbindung",
        success_measure="Erstgespräch hat stattgefunden",
    )
