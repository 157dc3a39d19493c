"""The administrator sets up the network in English: a new organisation, then a
new user who works there."""

import pytest

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.network.models import Organisation
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def adam(db):
    district = f.OrganisationFactory(name="Kreis Musterkreis", kind="district_office")
    return f.staff(district, Role.ADMINISTRATOR, username="adam")


def test_it_lets_adam_create_an_organisation_and_a_user(journey, adam, caritas):
    page = journey.page
    journey.use_language("en")
    journey.sign_in("adam")
    assert "/people/" not in journey.nav_hrefs()

    journey.follow(journey.nav_link("/network/organisations/"))
    assert caritas.name in journey.text("table")
    journey.follow(page.locator('main a[href="/network/organisations/new/"]'))
    page.fill("#id_name", "Sprachschule Musterstadt")
    page.select_option("#id_kind", "other")
    page.locator("input[name=legal_areas][value=counselling]").check()
    page.fill("#id_place", "Musterstadt")
    journey.follow(page.locator("main form button[type=submit]"))
    school = Organisation.objects.get(name="Sprachschule Musterstadt")
    assert page.url.endswith(f"/network/organisations/{school.pk}/")
    assert school.legal_areas == "counselling"

    journey.follow(journey.nav_link("/network/users/"))
    assert "adam" in journey.text("table")
    journey.follow(page.locator('main a[href="/network/users/new/"]'))
    page.fill("#id_username", "lena")
    page.fill("#id_first_name", "Lena")
    page.fill("#id_last_name", "Vogel")
    page.fill("#id_email", "lena@example.org")
    page.select_option("#id_memberships-0-organisation", str(school.pk))
    page.select_option("#id_memberships-0-role", Role.CASE_MANAGER)
    journey.follow(page.locator("main form button[type=submit]"))
    membership = Membership.objects.get(user__username="lena")
    assert (membership.organisation, membership.role) == (school, Role.CASE_MANAGER)
    assert page.url.endswith(f"/network/users/{membership.user_id}/")
    assert school.name in journey.text("section[aria-labelledby=memberships-heading] table")
