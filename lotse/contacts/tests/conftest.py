import pytest

from lotse.accounts.choices import Role
from lotse.testing import factories as f


@pytest.fixture
def erik(caritas):
    """A second case manager at Caritas: alice's colleague."""
    return f.staff(caritas, Role.CASE_MANAGER, username="erik")


@pytest.fixture
def alice_case(caritas, alice):
    return f.case(caritas, managers=(alice,), actor=alice)
