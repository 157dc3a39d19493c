"""Alice looks for a course in Arabic with free places, then confirms her own
organisation's entry as still correct; axe checks every page. In German."""

import datetime

import pytest
from django.utils import timezone

from lotse.directory.models import Service, ServiceLocation
from lotse.e2e.browsing import t

pytestmark = pytest.mark.browser


@pytest.fixture
def courses(caritas, drk):
    today = timezone.localdate()
    mine = Service.objects.create(
        provider=caritas,
        name="Sprachkurs A1 mit Kinderbetreuung",
        kind="language_course",
        languages="de,ar",
        capacity=20,
        free_places=3,
        last_verified_on=today - datetime.timedelta(days=200),
    )
    ServiceLocation.objects.create(
        service=mine, street="Am Markt 1", postcode="48100", place="Birkenfeld"
    )
    Service.objects.create(
        provider=drk,
        name="Sprachkurs B1",
        kind="language_course",
        languages="de,uk",
        capacity=20,
        free_places=0,
        waiting_weeks=12,
        last_verified_on=today,
    )
    return mine


def test_it_finds_a_course_and_confirms_the_own_entry(journey, alice, courses):
    page = journey.page
    journey.sign_in("alice")
    journey.follow(journey.nav_link("/directory/"))
    journey.check()
    page.fill("#id_language", "ar")
    page.select_option("#id_verified", "all")
    page.check("#id_free_places")
    journey.follow(page.locator("form.filters button[type=submit]"))
    assert "Sprachkurs A1 mit Kinderbetreuung" in journey.text("main table")
    assert "Sprachkurs B1" not in journey.text("main")
    assert t("Not verified for six months", "de") in journey.text("main table")
    journey.check()
    journey.follow(page.get_by_role("link", name="Sprachkurs A1 mit Kinderbetreuung"))
    journey.check()
    journey.follow(page.locator("main form button[type=submit]"))
    courses.refresh_from_db()
    assert courses.last_verified_on == timezone.localdate()
    journey.check()
