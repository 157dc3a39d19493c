"""A case manager records a status history in German, is refused an overlapping
period, evaluates the pathways on another day and keeps the evaluation; then the
own deadline list and a target group. axe-core checks every page visited."""

import datetime

import pytest

from lotse.residence.models import Evaluation, StatusPeriod
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def tolerated(caritas, alice):
    person = f.person(caritas, alice, given_names="Samir", family_name="Nouri")
    f.case(caritas, person, managers=(alice,), actor=alice)
    soon = datetime.date.today() + datetime.timedelta(days=20)
    f.status_period(person, alice, valid_from=datetime.date(2018, 1, 1), valid_until=soon)
    return person


def test_it_takes_alice_through_the_residence_tab(journey, tolerated):
    page = journey.page
    person = tolerated
    journey.sign_in("alice")
    journey.open(f"/people/{person.pk}/")
    journey.follow(page.locator(f'nav ul.tabs a[href="/residence/people/{person.pk}/"]'))
    assert page.locator("#pathways-panel").count() == 1

    journey.follow(page.locator(f'main a[href="/residence/people/{person.pk}/status/add/"]'))
    page.select_option("#id_kind", "duldung_60b")
    page.fill("#id_valid_from", "2019-01-01")
    journey.follow(page.locator("main form button[type=submit]"))
    assert page.locator(".form-errors[role=alert]").count() == 1
    assert StatusPeriod.objects.filter(person=person).count() == 1
    journey.follow(page.locator(f'main a[href="/residence/people/{person.pk}/"]'))

    page.fill("#id_as_of", "2020-06-01")
    page.locator("#pathways-panel form[method=get] button[type=submit]").click()
    page.locator("#pathways-panel p:has-text('01.06.2020')").first.wait_for()
    journey.check()
    journey.follow(page.locator("#pathways-panel form[method=post] button[type=submit]"))
    assert Evaluation.objects.get(person=person).as_of == datetime.date(2020, 6, 1)

    journey.follow(journey.nav_link("/residence/deadlines/"))
    assert "Nouri" in journey.text("main")
    journey.follow(journey.nav_link("/residence/groups/"))
    page.select_option("#id_group", "25b_within_6_months")
    journey.follow(page.locator("main form button[type=submit]:not([name])"))
    assert page.locator("main table caption").count() == 1
