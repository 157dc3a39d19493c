"""The whole case-management cycle in one walk, in German, as Alice does it:
search first, register a new person, intake with indication and consent, open
the case, assess, plan a goal with a step, record the agreement, print the plan
in Arabic, log a contact without a reload, set a follow-up whose reminder the
job sends, and close the case with the goal's attainment.

The separate journeys (intake, plan, contacts) check each part's refusals; this
one checks that the parts join up: what one phase leaves behind is what the next
one starts from.
"""

import datetime
import shutil
import subprocess

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lotse.access.models import Consent
from lotse.cases.choices import Phase
from lotse.cases.models import Case
from lotse.contacts.models import Contact
from lotse.deadlines.models import Task
from lotse.e2e.browsing import t
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.people.models import Person
from lotse.plans.models import Goal, IntegrationPlan, Step
from lotse.testing import factories as f

pytestmark = pytest.mark.browser

# "Plan", the first word of the PDF's heading (plan_texts/ar.json). Only this word:
# extraction splits the lam-alef ligature of the second one into separate letters.
ARABIC_WORD = "خطة"
RIGHT_TO_LEFT_EMBEDDING = "\u202b"  # how pdftotext marks a run it read right to left


def _pdf_text(pdf: bytes, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _assert_right_to_left(pdf: bytes) -> None:
    """The Arabic heading is set from the right margin, its first word rightmost.

    The bounding-box listing gives glyphs in visual order, left to right: an
    Arabic word appears reversed there, and the heading's first word last.
    """
    layout = _pdf_text(pdf, "-bbox-layout", "-f", "1", "-l", "1")
    page_width = float(layout.split('<page width="')[1].split('"')[0])
    first_line = layout.split("<line ")[1].split("</line>")[0]
    words = [
        (float(w.split('xMin="')[1].split('"')[0]), w.split("</word>")[0].split(">")[-1])
        for w in first_line.split("<word ")[1:]
    ]
    visual = [text for _x, text in sorted(words)]
    assert visual[-1] == ARABIC_WORD[::-1], visual
    line_end = float(first_line.split('xMax="')[1].split('"')[0])
    assert line_end > page_width * 0.8, (line_end, page_width)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_it_takes_alice_through_the_whole_cycle(journey, caritas, jobcentre, alice, settings):
    # Midnight: today's reminder is owed whatever the hour the test runs.
    settings.LOTSE_REMINDER_HOUR = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    text = f.consent_text()
    today = timezone.localdate()
    page = journey.page
    journey.sign_in("alice")

    # Clearing: the search comes first; a new person only after it found nobody.
    journey.follow(journey.nav_link("/intake/"))
    page.fill("#id_q", "Rania Saleh")
    journey.follow(page.locator("main form[role=search] button[type=submit]"))
    assert not Person.objects.exists()
    journey.follow(page.locator("#intake-new-person"))
    assert page.locator("#id_given_names").input_value() == "Rania"
    assert page.locator("#id_family_name").input_value() == "Saleh"
    page.select_option("#id_birth_date_precision", "unknown")
    page.select_option("#id_sex", "f")
    page.fill("#id_nationalities", "SYR")
    journey.follow(page.locator("main form button[type=submit]"))
    person = Person.objects.get(family_name="Saleh")
    assert page.url.endswith(f"/intake/person/{person.pk}/")

    page.locator("input[name=came_via][value=self]").check()
    page.fill("#id_first_needs", "Sprachkurs, Arbeit und eine größere Wohnung")
    for area in page.locator("input[name=life_areas]").all()[:3]:
        area.check()
    page.locator("#id_pathways_failed").check()
    page.locator("#id_agrees_to_case_management").check()
    page.locator("input[name=decision][value=case_management]").check()
    page.select_option("#id_programme", "kim")
    page.locator("#id_record_consent").check()
    page.select_option("#id_consent-text", str(text.pk))
    page.fill("#id_consent-purpose", "Abstimmung mit dem Jobcenter")
    page.locator(f'input[name=consent-recipients][value="{jobcentre.pk}"]').check()
    page.locator("input[name=consent-categories][value=identity]").check()
    page.locator("input[name=consent-categories][value=education_work]").check()
    page.locator("input[name=consent-form][value=written]").check()
    page.fill("#id_consent-language", "ar")
    page.fill("#id_consent-given_on", today.isoformat())
    journey.follow(page.locator("#intake-form button[type=submit]"))
    case = Case.objects.get(person=person)
    assert page.url.endswith(f"/cases/{case.pk}/"), journey.text()
    assert IntakeRecord.objects.get().case == case
    consent = Consent.objects.get(person=person)
    assert set(consent.recipients.all()) == {jobcentre}

    # Assessment: one life area, then the case moves on to planning.
    journey.follow(page.locator("#assessment-panel ul.actions a").first)
    page.fill("#id_situation", "Deutsch A1, sucht einen Kurs")
    page.locator("input[name=priority][value=high]").check()
    journey.follow(page.locator("#assessment-form button[type=submit]"))
    assert AssessmentEntry.objects.filter(case=case).count() == 1
    page.select_option("#id_phase", Phase.PLANNING)
    page.locator("#phase-panel button[type=submit]").click()
    page.locator("#phase-panel [role=status]").wait_for()
    journey.check()
    assert Case.objects.get(pk=case.pk).phase == Phase.PLANNING

    # Planning: a goal and a step with its responsible party, in forms that open
    # inside the plan panel (HTMX); then the agreement on its own page.
    page.locator(f'#plan-panel a[href="/plans/cases/{case.pk}/goals/add/"]').click()
    page.locator("#plan-form #plan-title").wait_for()
    journey.check()
    page.select_option("#plan-life_area", label="Sprache")
    page.fill("#plan-title", "Deutsch auf Niveau B1")
    page.fill("#plan-success_measure", "B1-Zertifikat liegt vor")
    page.fill("#plan-target_date", (today + datetime.timedelta(days=180)).isoformat())
    page.locator("#plan-form-submit").click()
    page.locator("#plan-panel h3", has_text="Deutsch auf Niveau B1").wait_for()
    journey.check()
    goal = Goal.objects.get()
    page.locator(f'#plan-panel a[href="/plans/goals/{goal.pk}/steps/add/"]').click()
    page.locator("#plan-form #plan-description").wait_for()
    page.fill("#plan-description", "Anmeldung zum Integrationskurs")
    page.fill("#plan-due_date", (today + datetime.timedelta(days=14)).isoformat())
    page.select_option("#plan-responsible_kind", "organisation")
    page.select_option("#plan-responsible_organisation", str(caritas.pk))
    page.locator("#plan-form-submit").click()
    page.locator("#plan-panel td", has_text="Anmeldung zum Integrationskurs").first.wait_for()
    journey.check()
    assert Step.objects.get().goal == goal
    journey.follow(page.locator(f'#plan-panel a[href="/plans/cases/{case.pk}/agreement/"]'))
    page.fill("#id_agreed_on", today.isoformat())
    page.select_option("#id_agreement_form", "signed")
    journey.follow(page.locator("main form button[type=submit]"))
    assert IntegrationPlan.objects.get().agreed_on == today

    # The plan in Arabic, as the person takes it home: real text, set right to left.
    # Fetched with the browser's session from the print form's address; Chromium's
    # own PDF viewer would show it, not hand the bytes over.
    action = page.locator("#plan-panel form.plan-print").get_attribute("action")
    page.select_option("#plan-pdf-language", "ar")
    language = page.locator("#plan-pdf-language").input_value()
    response = page.request.get(f"{action}?language={language}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    extracted = _pdf_text(pdf)
    assert ARABIC_WORD in extracted
    assert RIGHT_TO_LEFT_EMBEDDING + ARABIC_WORD in extracted
    assert "Deutsch auf Niveau B1" in extracted
    _assert_right_to_left(pdf)

    # Monitoring: a contact from the case page, swapped in by HTMX. A marker set
    # on the window survives only if the page was never reloaded.
    journey.open(f"/cases/{case.pk}/")
    page.evaluate("() => { window.lotseNoReload = true; }")
    page.fill("#contact-duration_minutes", "40")
    page.select_option("#contact-channel", "in_person")
    page.locator("#contacts-panel details summary").click()
    page.fill("#contact-interpreter_language", "ar")
    page.fill("#contact-interpreter", "Dolmetscherin S.")
    page.fill("#contact-note", "Kursanmeldung gemeinsam ausgefüllt.")
    page.locator("#contact-submit").click()
    page.locator("#contacts-panel [role=status]").wait_for()
    assert page.evaluate("() => window.lotseNoReload === true")
    assert t("The contact was recorded.", "de") in journey.text("#contacts-panel")
    journey.check()
    assert Contact.objects.get(case=case).interpreter_language == "ar"

    # A follow-up due today; the reminder job mails it once, however often it runs.
    tasks = page.locator("#tasks-panel")
    tasks.locator("#id_title").fill("Teilnahmebestätigung des Kurses prüfen")
    tasks.locator("#id_due_on").fill(today.isoformat())
    tasks.locator("button[type=submit]").last.click()
    page.locator("#tasks-panel [role=status]").wait_for()
    assert page.evaluate("() => window.lotseNoReload === true")
    journey.check()
    task = Task.objects.get(case=case)
    assert task.due_on == today and task.assignee == alice
    mail.outbox.clear()
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert case.reference in mail.outbox[0].body
    assert Task.objects.get(pk=task.pk).reminded_at is not None
    journey.open("/")
    assert case.reference in journey.text("main")

    # Closure: the reason and the goal's attainment, asked for on one page.
    journey.open(f"/cases/{case.pk}/close/")
    page.select_option("#id_reason", "goals_achieved")
    page.select_option(f"#id_goal_{goal.pk}_attainment", "achieved")
    page.fill(f"#id_goal_{goal.pk}_reason", "B1-Zertifikat vorgelegt")
    journey.follow(page.locator("main form button[type=submit]"))
    case.refresh_from_db()
    assert not case.is_open
    assert Goal.objects.get().attainment == "achieved"
