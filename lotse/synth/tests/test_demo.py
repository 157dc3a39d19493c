"""The demo prints one login per role, and the logins work."""

from io import StringIO

import pytest
from django.core.management import call_command

from lotse.accounts.choices import Role
from lotse.accounts.models import User
from lotse.people.models import Person
from lotse.synth.demo import DEMO_LOGINS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_it_prints_a_login_per_role_with_the_password():
    out = StringIO()
    call_command("synth", "--demo", "--seed", "2", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert 250 <= Person.objects.count() <= 350
    assert {role for role, _org, _user in DEMO_LOGINS} == set(Role.values)
    for role, _org, username in DEMO_LOGINS:
        line = next(line for line in text.splitlines() if line.startswith(username + " "))
        assert str(Role(role).label) in line
        assert DEMO_PASSWORD in line
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.has_role(role)


def test_it_gives_the_demo_case_manager_a_caseload():
    call_command("synth", "--demo", stdout=StringIO(), stderr=StringIO())
    manager = User.objects.get(username="fallmanagerin")
    assert manager.managed_cases.count() >= 5


def test_it_only_resets_passwords_when_the_demo_exists():
    call_command("synth", "--demo", stdout=StringIO(), stderr=StringIO())
    persons = Person.objects.count()
    User.objects.filter(username="fallmanagerin").update(password="!")
    out = StringIO()
    call_command("synth", "--demo", stdout=out, stderr=StringIO())
    assert Person.objects.count() == persons
    assert "already present" in out.getvalue()
    assert User.objects.get(username="fallmanagerin").check_password(DEMO_PASSWORD)
