"""Registering a person and recording a consent without a mouse (WCAG 2.1.1, 2.4.7).

Only `page.keyboard` moves and acts: Tab and Shift+Tab to reach a field,
typing, Space for check boxes, arrow keys in selects, Enter to submit. At every
stop the focused element must show a visible outline or shadow.
"""

import datetime

import pytest

from lotse.access.models import Consent
from lotse.e2e.browsing import Keyboard
from lotse.people.models import Person
from lotse.testing import factories as f
from lotse.testing.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_it_registers_a_person_and_records_a_consent_by_keyboard(journey, alice, jobcentre):
    text = f.consent_text()
    keys = Keyboard(journey)
    page = journey.page

    journey.open("/accounts/login/")
    keys.tab_to("#id_username")
    keys.type("alice")
    keys.tab_to("#id_password")
    keys.type(PASSWORD)
    keys.activate()
    assert page.url.endswith("/")

    keys.tab_to('header nav a[href="/people/"]')
    keys.activate()
    keys.tab_to('main a[href="/people/new/"]')
    keys.activate()

    keys.tab_to("#id_given_names")
    keys.type("Laila")
    keys.tab_to("#id_family_name")
    keys.type("Karimi")
    # A typo noticed one field later: back with Shift+Tab, select all, type again.
    keys.tab_to("#id_given_names", backwards=True)
    keys.press("Control+A")
    keys.type("Layla")
    keys.tab_to("#id_birth_date")
    # Day equals month: the field's order follows the browser build's locale, not the page.
    keys.type("05051995")
    keys.tab_to("#id_sex")
    keys.press("Home")  # "female" is the first choice, "not stated" the preselected last
    keys.tab_to("#id_nationalities")
    keys.type("SYR")
    keys.tab_to("main form button[type=submit]")
    keys.activate()

    person = Person.objects.get(family_name="Karimi")
    assert page.url.endswith(f"/people/{person.pk}/")
    assert person.given_names == "Layla"
    assert person.birth_date == datetime.date(1995, 5, 5)
    assert person.sex == "f"
    assert list(person.nationalities.values_list("country", flat=True)) == ["SYR"]

    keys.tab_to(f'ul.tabs a[href="/people/{person.pk}/consents/"]')
    keys.activate()
    keys.tab_to(f'main a[href="/consents/person/{person.pk}/new/"]')
    keys.activate()

    keys.tab_to("#id_text")
    keys.press("ArrowDown")  # the first consent text after the empty choice
    keys.tab_to("#id_purpose")
    keys.type("Vermittlung in Arbeit")
    keys.tab_to(f'input[name=recipients][value="{jobcentre.pk}"]')
    keys.press("Space")
    keys.tab_to("input[name=categories][value=identity]")
    keys.press("Space")
    keys.tab_to("input[name=categories][value=education_work]")
    keys.press("Space")
    keys.tab_to("main form button[type=submit]")
    keys.activate()

    assert page.url.endswith(f"/people/{person.pk}/consents/"), journey.text()
    consent = Consent.objects.get(person=person)
    assert consent.text == text
    assert consent.purpose == "Vermittlung in Arbeit"
    assert set(consent.recipients.all()) == {jobcentre}
    assert consent.categories == frozenset({"identity", "education_work"})
