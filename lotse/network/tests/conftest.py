import pytest

from lotse.accounts.choices import Role
from lotse.network.choices import OrganisationKind
from lotse.testing import factories as f


@pytest.fixture
def district(db):
    return f.OrganisationFactory(name="Kreis Musterkreis", kind=OrganisationKind.DISTRICT_OFFICE)


@pytest.fixture
def adam(district):
    """The administrator: maintains organisations and users, sees no case content."""
    return f.staff(district, Role.ADMINISTRATOR, username="adam")
