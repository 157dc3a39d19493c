"""Caritas (alice) owns a case of Amina Haddad; the job centre (bob) takes part with a
release of identity and residence; DRK (carol) has nothing to do with it; dora is
Caritas' data-protection officer."""

import datetime

import pytest

from lotse.testing import factories as f

GESTATTUNG_FROM = datetime.date(2016, 9, 1)


@pytest.fixture
def shared_case(caritas, jobcentre, alice, bob):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity", "residence"), actor=alice)
    return case


@pytest.fixture
def person(shared_case):
    return shared_case.person


@pytest.fixture
def history(person, alice):
    """Gestattung, then a Duldung running on."""
    first = f.status_period(
        person,
        alice,
        kind="gestattung",
        valid_from=GESTATTUNG_FROM,
        valid_until=datetime.date(2018, 3, 31),
    )
    second = f.status_period(person, alice, kind="duldung", valid_from=datetime.date(2018, 4, 1))
    return [first, second]
