"""A person whose case Caritas (alice) owns, with the job centre (bob) taking part
under a release of identity and residence only."""

import datetime

import pytest

from lotse.people.actions import do_add_detail
from lotse.people.models import Address, ContactDetail
from lotse.testing import factories as f

SECRET_STREET = "Geheimweg 17"
SECRET_PHONE = "+49 170 5550199"


@pytest.fixture
def operator(db):
    return f.UserFactory(username="otto", is_superuser=True, is_staff=True)


@pytest.fixture
def shared_case(caritas, jobcentre, alice, bob):
    case = f.case(caritas, managers=(alice,), actor=alice)
    do_add_detail(
        alice,
        Address(
            person=case.person,
            street=SECRET_STREET,
            postcode="12345",
            place="Musterstadt",
            valid_from=datetime.date(2023, 3, 1),
        ),
    )
    do_add_detail(alice, ContactDetail(person=case.person, kind="mobile", value=SECRET_PHONE))
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity", "residence"), actor=alice)
    return case
