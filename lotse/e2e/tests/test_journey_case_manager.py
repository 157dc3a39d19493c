"""A case manager's day in German: find the person, read the record, move the
case on, record a release for the job centre and take it back."""

import pytest

from lotse.access.models import Consent
from lotse.cases.choices import Phase
from lotse.e2e.browsing import t
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def amina_case(caritas, jobcentre, alice):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    return f.case(caritas, person, managers=(alice,), actor=alice)


def test_it_takes_alice_from_search_to_a_withdrawn_consent(journey, amina_case, jobcentre):
    text = f.consent_text()
    page = journey.page
    person = amina_case.person
    journey.sign_in("alice")
    assert journey.language == "de"

    journey.follow(journey.nav_link("/people/"))
    journey.search_people("Haddad")
    journey.follow(page.locator(f'#search-results a[href="/people/{person.pk}/"]'))
    assert "Amina" in journey.text("h1")
    for tab in ("cases/", "consents/", "household/", ""):
        href = f"/people/{person.pk}/{tab}"
        journey.follow(page.locator(f'nav ul.tabs a[href="{href}"]'))
        assert page.locator("ul.tabs a[aria-current=page]").get_attribute("href") == href

    journey.follow(page.locator(f'nav ul.tabs a[href="/people/{person.pk}/cases/"]'))
    journey.follow(page.locator(f'main a[href="/cases/{amina_case.pk}/"]'))
    assert amina_case.reference in journey.text("h1")

    page.select_option("#id_phase", Phase.ASSESSMENT)
    page.locator("#phase-panel button[type=submit]").click()
    page.locator("#phase-panel [role=status]").wait_for()
    assert journey.text("#case-phase") == t("Assessment", "de")
    journey.check()
    amina_case.refresh_from_db()
    assert amina_case.phase == Phase.ASSESSMENT

    journey.follow(page.locator(f'main a[href="/people/{person.pk}/consents/"]'))
    journey.follow(page.locator(f'main a[href="/consents/person/{person.pk}/new/"]'))
    # Sent empty first: the refusal page must be as accessible as the form.
    journey.follow(page.locator("main form button[type=submit]"))
    assert page.locator("#id_purpose").get_attribute("aria-invalid") == "true"
    assert not Consent.objects.exists()
    page.select_option("#id_text", str(text.pk))
    page.fill("#id_purpose", "Leistungsantrag beim Jobcenter")
    page.locator(f'input[name=recipients][value="{jobcentre.pk}"]').check()
    page.locator("input[name=categories][value=identity]").check()
    page.locator("input[name=categories][value=residence]").check()
    journey.follow(page.locator("main form button[type=submit]"))
    assert page.url.endswith(f"/people/{person.pk}/consents/")
    assert t("The consent was recorded.", "de") in journey.text(".messages")
    consent = Consent.objects.get(person=person)
    assert set(consent.recipients.all()) == {jobcentre}
    assert consent.categories == frozenset({"identity", "residence"})

    journey.follow(page.locator(f'main a[href="/consents/{consent.pk}/withdraw/"]'))
    journey.follow(page.locator("main form button[type=submit]"))
    assert page.url.endswith(f"/people/{person.pk}/consents/")
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None
    assert page.locator(f'main a[href="/consents/{consent.pk}/withdraw/"]').count() == 0
