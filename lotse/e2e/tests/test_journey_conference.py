"""Alice schedules a case conference with the job centre and DRK, records a decision
for the job centre, and Bob finds it in the job centre's deadline list. In German."""

import datetime

import pytest
from django.utils import timezone

from lotse.accounts.choices import Role
from lotse.conferences.models import CaseConference
from lotse.deadlines.models import Task
from lotse.e2e.browsing import t
from lotse.network.choices import OrganisationKind
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def shared_case(caritas, jobcentre, drk, alice):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    case = f.case(caritas, person, managers=(alice,), actor=alice)
    for organisation in (jobcentre, drk):
        f.participant(case, organisation, alice)
    f.consent(case, [jobcentre, drk], ("identity", "education_work"), actor=alice)
    return case


def test_a_conference_of_three_organisations_hands_a_task_to_the_job_centre(
    journey, shared_case, jobcentre, drk, bob, mailoutbox
):
    page = journey.page
    journey.sign_in("alice")
    journey.open(f"/cases/{shared_case.pk}/")
    journey.follow(
        page.locator(f'#conferences-panel a[href="/conferences/cases/{shared_case.pk}/new/"]')
    )

    starts = timezone.localtime() + datetime.timedelta(days=5)
    page.fill("#id_title", "Arbeitsaufnahme abstimmen")
    page.select_option("#id_data_category", "education_work")
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%dT10:00"))
    page.fill("#id_place", "Kreishaus, Raum 2")
    page.get_by_label(jobcentre.name).check()
    page.get_by_label(drk.name).check()
    page.fill("#id_agenda", "Sprachkurs\nArbeitssuche")
    journey.follow(page.locator("main form button[type=submit]"))
    conference = CaseConference.objects.get()
    assert page.url.endswith(f"/conferences/{conference.pk}/")
    assert conference.participants.count() == 3
    assert t("The conference is scheduled and the invitations sent.", "de") in journey.text()
    assert len(mailoutbox) == 1 and mailoutbox[0].attachments

    journey.follow(page.locator(f'main a[href="/conferences/{conference.pk}/decisions/new/"]'))
    due = timezone.localdate() + datetime.timedelta(days=14)
    page.fill("#id_text", "Vermittlungsvorschlag Pflegehelferin")
    page.select_option("#id_organisation", str(jobcentre.pk))
    page.fill("#id_due_on", due.isoformat())
    journey.follow(page.locator("main form button[type=submit]"))
    assert "Vermittlungsvorschlag Pflegehelferin" in journey.text("main table")
    assert Task.objects.get().organisation == jobcentre

    page.context.clear_cookies()
    journey.sign_in("bob")
    journey.open("/deadlines/")
    assert "Vermittlungsvorschlag Pflegehelferin" in journey.text("main table")
    assert jobcentre.name in journey.text("main table")


def test_the_coordinator_sees_conference_figures_without_content(journey, shared_case, alice):
    office = f.OrganisationFactory(name="KI Musterkreis", kind=OrganisationKind.COORDINATING_OFFICE)
    f.staff(office, Role.COORDINATOR, username="cody")
    f.conference(shared_case, [], "identity", actor=alice)
    journey.sign_in("cody")
    journey.follow(journey.page.locator('main a[href="/conferences/statistics/"]'))
    assert t("Case conferences in figures", "de") in journey.text("main h1")
    assert "Haddad" not in journey.text() and "Fallkonferenz Aufenthalt" not in journey.text()
