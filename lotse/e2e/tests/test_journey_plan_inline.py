"""Alice writes the plan on the case page itself: goal and step forms open inside
the plan panel and save without a page reload (HTMX). In German."""

import datetime

import pytest

from lotse.cases.models import Case
from lotse.e2e.browsing import t
from lotse.plans.models import Goal, Step
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def amina_case(caritas, alice):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    case = f.case(caritas, person, managers=(alice,), actor=alice)
    Case.objects.filter(pk=case.pk).update(
        opened_on=datetime.date.today() - datetime.timedelta(days=30)
    )
    return case


def test_it_adds_and_edits_goal_and_step_without_leaving_the_case_page(
    journey, amina_case, caritas
):
    page = journey.page
    today = datetime.date.today()
    journey.sign_in("alice")
    journey.open(f"/cases/{amina_case.pk}/")
    url = page.url
    # Survives only if the page is never reloaded.
    page.evaluate("() => { window.lotseNoReload = true; }")

    page.locator(f'#plan-panel a[href="/plans/cases/{amina_case.pk}/goals/add/"]').click()
    page.locator("#plan-form #plan-title").wait_for()
    # Focus moves to the opened form, so a screen-reader user hears where they are.
    page.wait_for_function("() => document.activeElement.id === 'plan-form-heading'")
    journey.check()
    page.select_option("#plan-life_area", label="Sprache")
    page.fill("#plan-title", "Deutsch auf Niveau B1")
    page.fill("#plan-success_measure", "B1-Zertifikat liegt vor")
    page.fill("#plan-target_date", (today + datetime.timedelta(days=180)).isoformat())
    page.locator("#plan-form-submit").click()
    page.locator("#plan-panel [role=status]").wait_for()
    assert t("The goal was added.", "de") in journey.text("#plan-panel")
    assert "Deutsch auf Niveau B1" in journey.text("#plan-panel")
    journey.check()
    goal = Goal.objects.get()

    page.locator(f'#plan-panel a[href="/plans/goals/{goal.pk}/steps/add/"]').click()
    page.locator("#plan-form #plan-description").wait_for()
    page.fill("#plan-description", "Anmeldung zum Integrationskurs")
    page.fill("#plan-due_date", (today + datetime.timedelta(days=14)).isoformat())
    # Without a responsible party: refused in place, the message at its field.
    page.locator("#plan-form-submit").click()
    page.locator("#plan-form .errorlist").first.wait_for()
    assert page.locator("#plan-responsible_kind").get_attribute("aria-invalid") == "true"
    assert not Step.objects.exists()
    journey.check()
    page.select_option("#plan-responsible_kind", "organisation")
    page.select_option("#plan-responsible_organisation", str(caritas.pk))
    page.locator("#plan-form-submit").click()
    page.locator("#plan-panel td", has_text="Anmeldung zum Integrationskurs").first.wait_for()
    assert t("The step was added.", "de") in journey.text("#plan-panel")
    step = Step.objects.get()

    page.locator(f'#plan-panel a[href="/plans/steps/{step.pk}/edit/"]').click()
    page.locator("#plan-form #plan-description").wait_for()
    page.fill("#plan-description", "Anmeldung zum Integrationskurs mit Kinderbetreuung")
    page.locator("#plan-form-submit").click()
    page.locator("#plan-panel td", has_text="mit Kinderbetreuung").first.wait_for()
    assert t("The step was saved.", "de") in journey.text("#plan-panel")
    journey.check()
    assert Step.objects.get().description.endswith("mit Kinderbetreuung")
    assert page.url == url
    assert page.evaluate("() => window.lotseNoReload === true")
