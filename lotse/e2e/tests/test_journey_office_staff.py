"""Office staff at the job centre, in English chosen in the page header: the
person released to them shows only the released categories, the case no summary."""

import datetime

import pytest

from lotse.cases.actions import do_update_case
from lotse.e2e.browsing import t
from lotse.people.actions import do_add_detail
from lotse.people.models import Address
from lotse.testing import factories as f

pytestmark = pytest.mark.browser

SECRET_STREET = "Geheimweg 17"
SECRET_SUMMARY = "Vertrauliche Notiz zur Fallgeschichte"


@pytest.fixture
def released_case(caritas, jobcentre, alice, bob):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    case = f.case(caritas, person, managers=(alice,), actor=alice)
    case = do_update_case(alice, case, expected_version=case.version, summary=SECRET_SUMMARY)
    do_add_detail(
        alice,
        Address(
            person=person,
            street=SECRET_STREET,
            postcode="12345",
            place="Musterstadt",
            valid_from=datetime.date(2023, 3, 1),
        ),
    )
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity", "residence"), actor=alice)
    return case


def test_it_shows_bob_only_what_the_consent_releases(journey, released_case):
    page = journey.page
    person = released_case.person
    not_released = t("Not released to your organisation.", "en")

    journey.open("/accounts/login/")
    assert journey.language == "de"
    journey.switch_language("en")
    journey.sign_in("bob")
    assert journey.language == "en"
    assert {"/people/", "/cases/"} <= set(journey.nav_hrefs())

    journey.follow(journey.nav_link("/people/"))
    journey.search_people("Amina")
    journey.follow(page.locator(f'#search-results a[href="/people/{person.pk}/"]'))
    overview = journey.text()
    assert "Haddad" in journey.text("h1")
    assert "Amina" in journey.text("section[aria-labelledby=identity-heading] dl.facts")
    contact = journey.text("section[aria-labelledby=contact-heading]")
    assert not_released in contact
    assert SECRET_STREET not in overview
    # A participant records nothing about the person: no edit links.
    assert page.locator(f'a[href="/people/{person.pk}/edit/"]').count() == 0

    journey.follow(page.locator(f'ul.tabs a[href="/people/{person.pk}/cases/"]'))
    journey.follow(page.locator(f'main a[href="/cases/{released_case.pk}/"]'))
    summary = journey.text("section[aria-labelledby=summary-heading]")
    assert t("not released", "en") in summary
    assert SECRET_SUMMARY not in journey.text()
    # The phase and its history are shown; changing it is the owner's.
    assert page.locator(f'form[action="/cases/{released_case.pk}/phase/"]').count() == 0

    journey.follow(journey.nav_link("/cases/"))
    assert released_case.reference in journey.text("table")
