"""Intake to assessment in German: search first, record the intake that opens the
case, assess two life areas, re-assess one, move the case on with a note."""

import pytest

from lotse.cases.choices import Phase
from lotse.cases.models import Case
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


def test_it_takes_alice_from_the_search_to_a_reassessed_case(journey, caritas, alice):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    page = journey.page
    journey.sign_in("alice")
    journey.follow(journey.nav_link("/intake/"))
    page.fill("#id_q", "Haddad")
    journey.follow(page.locator("main form[role=search] button[type=submit]"))
    # The known person comes first; "new person" is only the alternative.
    assert page.locator("#intake-new-person").count() == 1
    journey.follow(page.locator(f'main a[href="/intake/person/{person.pk}/"]'))

    # Sent empty first: the refusal page must be as accessible as the form.
    journey.follow(page.locator("#intake-form button[type=submit]"))
    assert page.locator("#id_first_needs").get_attribute("aria-invalid") == "true"
    assert not IntakeRecord.objects.exists()
    page.locator("input[name=came_via][value=office]").check()
    page.fill("#id_first_needs", "Sprachkurs, Arbeit und Wohnung")
    for value in page.locator("input[name=life_areas]").all()[:3]:
        value.check()
    page.locator("#id_pathways_failed").check()
    page.locator("#id_agrees_to_case_management").check()
    page.locator("input[name=decision][value=case_management]").check()
    page.select_option("#id_programme", "kim")
    journey.follow(page.locator("#intake-form button[type=submit]"))
    case = Case.objects.get(person=person)
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert page.locator("#intake-panel").count() == 1
    journey.check()

    area = page.locator("#assessment-panel ul.actions a").first
    journey.follow(area)
    page.fill("#id_situation", "Deutsch A1, Kurs gesucht")
    page.locator("input[name=priority][value=high]").check()
    journey.follow(page.locator("#assessment-form button[type=submit]"))
    assert AssessmentEntry.objects.filter(case=case).count() == 1

    journey.follow(page.locator("#assessment-current a").first)
    page.fill("#id_situation", "Kurs B1 begonnen")
    page.locator("input[name=priority][value=low]").check()
    journey.follow(page.locator("#assessment-form button[type=submit]"))
    assert AssessmentEntry.objects.filter(case=case).count() == 2
    assert "Kurs B1 begonnen" in journey.text("#assessment-current")
    journey.follow(page.locator('#assessment-panel a[href$="/assessment/"]'))
    assert "Deutsch A1, Kurs gesucht" in journey.text()
    journey.check()

    journey.open(f"/cases/{case.pk}/")
    page.select_option("#id_phase", Phase.ASSESSMENT)
    page.fill("#id_note", "Erstgespräch abgeschlossen")
    page.locator("#phase-panel button[type=submit]").click()
    page.locator("#phase-panel [role=status]").wait_for()
    assert "Erstgespräch abgeschlossen" in journey.text("#phase-history")
    journey.check()
