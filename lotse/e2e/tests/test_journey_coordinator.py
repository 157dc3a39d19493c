"""A coordinator sees no personal data: the start page, the public service directory
and their account, nothing about people or cases in the navigation."""

import pytest

from lotse.accounts.choices import Role
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


def test_it_shows_cody_the_start_page_without_people_or_cases(journey, caritas, alice):
    f.case(caritas, managers=(alice,), actor=alice)
    f.staff(caritas, Role.COORDINATOR, username="cody")

    journey.sign_in("cody")
    assert journey.page.url.endswith("/")
    assert journey.nav_hrefs() == ["/", "/directory/", "/accounts/profile/"]
    assert journey.page.locator("main table").count() == 0

    journey.follow(journey.nav_link("/accounts/profile/"))
    assert journey.nav_hrefs() == ["/", "/directory/", "/accounts/profile/"]
