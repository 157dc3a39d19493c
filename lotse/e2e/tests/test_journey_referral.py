"""A case manager at a welfare organisation refers a person to the job centre;
the job-centre user accepts and completes it; the sender sees it closed (lotse.referrals)."""

import pytest

from lotse.e2e.browsing import t
from lotse.referrals.models import Referral
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def amina_case(caritas, jobcentre, alice, bob):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    case = f.case(caritas, person, managers=(alice,), actor=alice)
    f.consent(case, [jobcentre], ("identity", "education_work"), actor=alice)
    return case


def test_it_closes_the_loop_of_a_referral_to_the_job_centre(journey, amina_case, jobcentre):
    page = journey.page
    journey.sign_in("alice")
    journey.open(f"/cases/{amina_case.pk}/")
    journey.follow(
        page.locator(f'#referrals-panel a[href="/referrals/cases/{amina_case.pk}/new/"]')
    )
    page.select_option("#id_recipient", str(jobcentre.pk))
    page.fill("#id_request", "Bitte um Beratung zur Arbeitsaufnahme.")
    # Health data is not released to the job centre: refused, nothing sent.
    page.check("#id_categories input[value=health]")
    journey.follow(page.locator("main form button[type=submit]"))
    assert page.locator("#missing-release").is_visible()
    assert not Referral.objects.exists()
    page.uncheck("#id_categories input[value=health]")
    page.check("#id_categories input[value=identity]")
    page.check("#id_categories input[value=education_work]")
    journey.follow(page.locator("main form button[type=submit]"))
    referral = Referral.objects.get()
    assert referral.reference in journey.text("#referrals-panel")
    journey.follow(page.locator("header form[action='/accounts/logout/'] button"))

    journey.sign_in("bob")
    assert referral.reference in journey.text()
    journey.open("/referrals/inbox/")
    assert "Haddad" in journey.text("#referral-inbox")
    journey.follow(page.locator(f'#referral-inbox a[href="/referrals/{referral.pk}/"]'))
    page.check("#move-accepted")
    journey.follow(page.locator("main form button[type=submit]"))
    assert t("accepted", "de") in journey.text("#referral-status")
    page.check("#move-done")
    journey.follow(page.locator("main form button[type=submit]"))
    assert Referral.objects.get().status == "done"
    journey.follow(page.locator("header form[action='/accounts/logout/'] button"))

    journey.sign_in("alice")
    journey.open(f"/cases/{amina_case.pk}/")
    assert t("done", "de") in journey.text("#referrals-panel")
