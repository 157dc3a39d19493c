"""A case at Caritas (alice) with the job centre (bob) and DRK (carol) taking part.

The person released identity, residence and education/work data to both; the
youth office (yusuf) takes part without any release.
"""

import datetime

import pytest
from django.utils import timezone

from lotse.accounts.choices import Role
from lotse.network.choices import OrganisationKind
from lotse.testing import factories as f


@pytest.fixture
def youth_office(db):
    return f.OrganisationFactory(
        name="Jugendamt Musterkreis", kind=OrganisationKind.YOUTH_OFFICE, email="jugend@example.org"
    )


@pytest.fixture
def yusuf(youth_office):
    return f.staff(youth_office, Role.OFFICE_STAFF, username="yusuf")


@pytest.fixture
def cody(db):
    office = f.OrganisationFactory(
        name="Koordinierungsstelle", kind=OrganisationKind.COORDINATING_OFFICE
    )
    return f.staff(office, Role.COORDINATOR, username="cody")


@pytest.fixture
def conference_case(caritas, jobcentre, drk, youth_office, alice):
    jobcentre.email = "jobcenter@example.org"
    jobcentre.save()
    drk.email = "drk@example.org"
    drk.save()
    case = f.case(caritas, managers=(alice,), actor=alice)
    for organisation in (jobcentre, drk, youth_office):
        f.participant(case, organisation, alice)
    f.consent(case, [jobcentre, drk], ("identity", "residence", "education_work"), actor=alice)
    return case


@pytest.fixture
def soon():
    return timezone.now() + datetime.timedelta(days=7)


@pytest.fixture
def schedule(alice, conference_case, jobcentre, drk, soon):
    """Schedules through the action; keyword arguments override the defaults."""
    from lotse.conferences.actions import do_schedule_conference

    def _schedule(**overrides):
        fields = {
            "title": "Arbeitsaufnahme abstimmen",
            "data_category": "education_work",
            "starts_at": soon,
            "organisations": [jobcentre, drk],
            "agenda": ["Sprachkurs", "Arbeitssuche"],
            "place": "Kreishaus, Raum 2",
            "interpreter_language": "ar",
        }
        fields.update(overrides)
        return do_schedule_conference(alice, conference_case, **fields)

    return _schedule


@pytest.fixture
def family_case(caritas, jobcentre, drk, alice, conference_case):
    """The case of Amina's husband Karim, in the same household, also at Caritas.

    Karim released education/work data to the job centre only, not to DRK."""
    from lotse.people.models import Household, HouseholdMembership

    karim = f.person(caritas, alice, given_names="Karim", family_name="Haddad")
    case = f.case(caritas, karim, managers=(alice,), actor=alice)
    for organisation in (jobcentre, drk):
        f.participant(case, organisation, alice)
    f.consent(case, [jobcentre], ("identity", "education_work"), actor=alice)
    household = Household.objects.create(label="Haddad")
    HouseholdMembership.objects.create(
        household=household, person=conference_case.person, relationship="head"
    )
    HouseholdMembership.objects.create(household=household, person=karim, relationship="spouse")
    return case
