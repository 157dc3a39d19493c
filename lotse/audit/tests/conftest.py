import pytest

from lotse.audit.tests.scenario import build_trail


@pytest.fixture
def trail(monkeypatch, caritas, jobcentre, drk, alice, bob, carol, dora):
    """A small trail across Caritas, the job centre and DRK (see scenario.py)."""
    return build_trail(monkeypatch, caritas, jobcentre, drk, alice, bob, carol)
