import pytest

from lotse.audit.tests.scenario import build_trail


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Personas get real passwords; the production hasher costs a second per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def trail(monkeypatch, caritas, jobcentre, drk, alice, bob, carol, dora):
    """A small trail across Caritas, the job centre and DRK (see scenario.py)."""
    return build_trail(monkeypatch, caritas, jobcentre, drk, alice, bob, carol)
