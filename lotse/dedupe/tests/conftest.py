"""Two records of one person at Caritas: Amina Haddad (with an open case, a
consent for the job centre, an identifier) and Amina Hadad (with a status
period and a nationality), queued as a pair."""

import datetime

import pytest

from lotse.accounts.choices import Role
from lotse.dedupe.models import DuplicateCandidate
from lotse.people.actions import do_add_detail
from lotse.people.models import NameSpelling, Nationality, OfficeIdentifier
from lotse.testing import factories as f


@pytest.fixture
def operator(db):
    return f.UserFactory(username="otto", is_superuser=True, is_staff=True)


@pytest.fixture
def adam(caritas):
    return f.staff(caritas, Role.ADMINISTRATOR, username="adam")


@pytest.fixture
def survivor(caritas, jobcentre, alice):
    case = f.case(caritas, managers=(alice,), actor=alice)
    person = case.person
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity", "residence"), actor=alice)
    do_add_detail(alice, Nationality(person=person, country="SYR"))
    do_add_detail(
        alice, OfficeIdentifier(person=person, kind="other", value="A-1", issued_by=jobcentre)
    )
    return person


@pytest.fixture
def duplicate(caritas, alice):
    person = f.person(
        caritas, alice, family_name="Hadad", given_names="Amina", birth_place="Aleppo"
    )
    do_add_detail(alice, Nationality(person=person, country="SYR"))
    do_add_detail(alice, Nationality(person=person, country="LBN"))
    do_add_detail(
        alice,
        NameSpelling(
            person=person, given_names="أمينة", family_name="حداد", kind="original_script"
        ),
    )
    f.status_period(person, alice, valid_from=datetime.date(2020, 1, 1))
    return person


@pytest.fixture
def pair(survivor, duplicate):
    a, b = sorted((survivor.pk, duplicate.pk))
    return DuplicateCandidate.objects.create(
        person_a_id=a, person_b_id=b, score=0.97, evidence={"family_name": "different"}
    )
