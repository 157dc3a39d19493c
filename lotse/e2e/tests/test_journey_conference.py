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


@pytest.fixture
def family_case(caritas, jobcentre, alice, shared_case):
    """Amina's husband Karim, in her household, with his own case at Caritas."""
    from lotse.people.models import Household, HouseholdMembership

    karim = f.person(caritas, alice, given_names="Karim", family_name="Haddad")
    case = f.case(caritas, karim, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity", "education_work"), actor=alice)
    household = Household.objects.create(label="Haddad")
    for person, relationship in ((shared_case.person, "head"), (karim, "spouse")):
        HouseholdMembership.objects.create(
            household=household, person=person, relationship=relationship
        )
    return case


def test_a_family_conference_of_two_cases_with_an_interpreter(
    journey, shared_case, family_case, jobcentre, mailoutbox
):
    page = journey.page
    journey.sign_in("alice")
    journey.open(f"/conferences/cases/{shared_case.pk}/new/")
    starts = timezone.localtime() + datetime.timedelta(days=5)
    page.fill("#id_title", "Familie Haddad: Arbeit und Kita")
    page.select_option("#id_data_category", "education_work")
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%dT10:00"))
    page.fill("#id_place", "Kreishaus, Raum 2")
    page.get_by_label(jobcentre.name).check()
    page.get_by_label(f"Haddad, Karim ({family_case.reference})").check()
    page.fill("#id_agenda", "Arbeitssuche\nKita-Platz")
    journey.follow(page.locator("main form button[type=submit]"))
    conference = CaseConference.objects.get()
    assert [c.pk for c in conference.all_cases()] == [shared_case.pk, family_case.pk]
    assert family_case.reference in journey.text("main dl")
    assert len(mailoutbox) == 1

    # The interpreter is added on the conference page itself (HTMX), and invited.
    url = page.url
    page.evaluate("() => { window.lotseNoReload = true; }")
    page.check("#attendees input[name=role][value=interpreter]")
    page.fill("#attendee-name", "Nadia Rahimi")
    page.fill("#attendee-language", "prs")
    page.fill("#attendee-email", "dolmetsch@example.org")
    page.locator("#attendees form button[type=submit]").last.click()
    page.locator("#attendees [role=status]").wait_for()
    assert t("Participant added; the invitation is sent.", "de") in journey.text("#attendees")
    assert "Nadia Rahimi" in journey.text("#attendees table")
    journey.check()
    assert page.url == url and page.evaluate("() => window.lotseNoReload === true")
    assert len(mailoutbox) == 2 and mailoutbox[1].bcc == ["dolmetsch@example.org"]
    assert "Haddad" not in mailoutbox[1].body

    # A decision for Karim becomes a task in his case.
    CaseConference.objects.filter(pk=conference.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    journey.open(f"/conferences/{conference.pk}/decisions/new/")
    page.fill("#id_text", "Bewerbung Lagerlogistik")
    page.select_option("#id_organisation", str(jobcentre.pk))
    page.select_option("#id_case", str(family_case.pk))
    page.fill("#id_due_on", (timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    journey.follow(page.locator("main form button[type=submit]"))
    assert Task.objects.get().case_id == family_case.pk
    assert family_case.reference in page.locator("main table").last.inner_text()
