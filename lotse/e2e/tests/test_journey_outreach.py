"""A case manager finds the persons whose § 104c permit ends soon, starts a campaign
for them from the target-group page, opens one person's letter in Arabic and records
that the person was informed in person; a follow-up task appears. axe-core checks
every page visited."""

import datetime

import pytest

from lotse.deadlines.models import Task
from lotse.outreach.models import Campaign
from lotse.people.models import LanguageSkill
from lotse.residence.deadlines import add_months
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def ending(caritas, alice):
    person = f.person(caritas, alice, given_names="Samir", family_name="Nouri")
    f.case(caritas, person, managers=(alice,), actor=alice)
    f.status_period(
        person,
        alice,
        kind="aufenthaltserlaubnis",
        paragraph="104c AufenthG",
        valid_from=add_months(datetime.date.today(), -16),
    )
    LanguageSkill.objects.create(person=person, language="ar", level="native")
    return person


def test_it_takes_alice_through_a_campaign(journey, ending):
    page = journey.page
    journey.sign_in("alice")
    journey.follow(journey.nav_link("/residence/groups/"))
    page.select_option("#id_group", "104c_ending")
    journey.follow(page.locator("main form button[type=submit]:not([name])"))
    assert "Nouri" in journey.text("main")
    journey.follow(page.locator('main a[href^="/outreach/new/"]'))
    page.fill("#id_title", "Chancen-Aufenthalt endet")
    journey.follow(page.locator("main form button[type=submit]"))
    campaign = Campaign.objects.get()
    assert campaign.recipients.get().letter_language == "ar"
    assert "العربية" in journey.text("main")
    recipient = campaign.recipients.get()
    letter = page.request.get(f"{journey.base_url}/outreach/recipients/{recipient.pk}/letter.pdf")
    assert letter.status == 200 and letter.body().startswith(b"%PDF")
    journey.follow(page.locator(f'main a[href="/outreach/recipients/{recipient.pk}/informed/"]'))
    page.select_option("#id_channel", "in_person")
    journey.follow(page.locator("main form button[type=submit]"))
    task = Task.objects.get()
    assert task.assignee.username == "alice" and task.is_open
    assert "Nouri" in journey.text("main")
