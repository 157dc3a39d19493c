import datetime

import pytest
from django.utils import timezone

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.network.models import Team
from lotse.testing import factories as f


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def days(today):
    return lambda n: today + datetime.timedelta(days=n)


@pytest.fixture
def team_nord(caritas):
    return Team.objects.create(organisation=caritas, name="Nord")


@pytest.fixture
def erik(caritas, team_nord):
    """alice's colleague in team Nord."""
    user = f.staff(caritas, Role.CASE_MANAGER, username="erik")
    Membership.objects.filter(user=user).update(team=team_nord)
    return user


@pytest.fixture
def tessa(caritas, team_nord):
    """Team lead of team Nord at Caritas."""
    user = f.staff(caritas, Role.TEAM_LEAD, username="tessa")
    Membership.objects.filter(user=user).update(team=team_nord)
    return user


@pytest.fixture
def alice_in_nord(alice, team_nord):
    Membership.objects.filter(user=alice).update(team=team_nord)
    return alice


@pytest.fixture
def alice_case(caritas, alice):
    return f.case(caritas, managers=(alice,), actor=alice)
