"""A case manager writes an integration plan in German, prints it in Arabic,
and closes the case with each goal's attainment (lotse.plans)."""

import datetime

import pytest

from lotse.cases.models import Case
from lotse.e2e.browsing import t
from lotse.plans.models import Goal, IntegrationPlan, Step
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


def test_it_takes_alice_from_a_goal_to_the_closed_case(journey, amina_case, caritas):
    page = journey.page
    today = datetime.date.today()
    journey.sign_in("alice")
    journey.open(f"/cases/{amina_case.pk}/")

    # The plan's own pages, as a browser without JavaScript reaches them (the case
    # page opens the same forms inline with HTMX: test_journey_plan_inline.py).
    journey.open(f"/plans/cases/{amina_case.pk}/goals/add/")
    page.select_option("#id_life_area", label="Sprache")
    page.fill("#id_title", "Deutsch auf Niveau B1")
    page.fill("#id_success_measure", "B1-Zertifikat liegt vor")
    page.fill("#id_target_date", (today + datetime.timedelta(days=180)).isoformat())
    journey.follow(page.locator("main form button[type=submit]"))
    assert t("The goal was added.", "de") in journey.text(".messages")
    goal = Goal.objects.get()

    journey.open(f"/plans/goals/{goal.pk}/steps/add/")
    page.fill("#id_description", "Anmeldung zum Integrationskurs")
    page.fill("#id_due_date", (today + datetime.timedelta(days=14)).isoformat())
    # Without a responsible party first: the refusal page must be as accessible as the form.
    journey.follow(page.locator("main form button[type=submit]"))
    assert page.locator("#id_responsible_kind").get_attribute("aria-invalid") == "true"
    assert not Step.objects.exists()
    page.select_option("#id_responsible_kind", "organisation")
    page.select_option("#id_responsible_organisation", str(caritas.pk))
    journey.follow(page.locator("main form button[type=submit]"))
    assert Step.objects.get().responsible_organisation == caritas

    journey.follow(page.locator(f'#plan-panel a[href="/plans/cases/{amina_case.pk}/agreement/"]'))
    page.fill("#id_agreed_on", today.isoformat())
    page.select_option("#id_agreement_form", "signed")
    journey.follow(page.locator("main form button[type=submit]"))
    assert IntegrationPlan.objects.get().agreement_form == "signed"

    pdf = page.request.get(f"/plans/cases/{amina_case.pk}/pdf/?language=ar")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    journey.open(f"/cases/{amina_case.pk}/close/")
    page.select_option("#id_reason", "moved_away")
    journey.follow(page.locator("main form button[type=submit]"))
    assert Case.objects.get(pk=amina_case.pk).is_open
    page.select_option(f"#id_goal_{goal.pk}_attainment", "partly")
    page.fill(f"#id_goal_{goal.pk}_reason", "A2 erreicht, dann Umzug")
    journey.follow(page.locator("main form button[type=submit]"))
    assert not Case.objects.get(pk=amina_case.pk).is_open
    assert Goal.objects.get().attainment == "partly"
