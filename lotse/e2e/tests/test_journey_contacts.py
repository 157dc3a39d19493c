"""Alice records a contact from the case page without a reload, files a document,
and closes a dormant case in bulk, watching the job's progress. In German."""

import datetime

import pytest
from django.utils import timezone

from lotse.cases.models import Case
from lotse.contacts.models import BulkClosure, Contact, Document
from lotse.e2e.browsing import t
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def amina_case(caritas, alice):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    return f.case(caritas, person, managers=(alice,), actor=alice)


@pytest.fixture
def dormant_case(caritas, alice):
    person = f.person(caritas, alice, given_names="Yusuf", family_name="Karimi")
    case = f.case(caritas, person, managers=(alice,), actor=alice)
    opened = timezone.localdate() - datetime.timedelta(weeks=30)
    Case.objects.filter(pk=case.pk).update(opened_on=opened)
    return case


def test_it_records_a_contact_and_closes_a_dormant_case(
    journey, amina_case, dormant_case, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    page = journey.page
    journey.sign_in("alice")
    journey.open(f"/cases/{amina_case.pk}/")
    url = page.url

    # Refused first: the message must sit at its field, announced, nothing saved.
    page.fill("#contact-duration_minutes", "0")
    page.locator("#contact-submit").click()
    page.locator("#contacts-panel .errorlist").first.wait_for()
    assert page.locator("#contact-duration_minutes").get_attribute("aria-invalid") == "true"
    assert not Contact.objects.exists()
    journey.check()

    page.fill("#contact-duration_minutes", "25")
    page.select_option("#contact-channel", "phone")
    page.fill("#contact-note", "Termin beim Jobcenter vorbereitet.")
    page.locator("#contact-submit").click()
    page.locator("#contacts-panel [role=status]").wait_for()
    assert page.url == url  # no reload, no navigation
    assert "Termin beim Jobcenter vorbereitet." in journey.text("#contacts-panel")
    assert t("The contact was recorded.", "de") in journey.text("#contacts-panel")
    journey.check()
    assert Contact.objects.get().channel == "phone"

    page.set_input_files(
        "#document-file",
        files=[{"name": "titel.pdf", "mimeType": "application/pdf", "buffer": f.PDF_BYTES}],
    )
    page.select_option("#document-data_category", "residence")
    journey.follow(page.locator("#documents-panel form[enctype] button[type=submit]"))
    assert Document.objects.get().data_category == "residence"
    assert "titel.pdf" in journey.text("#documents-panel")

    journey.follow(journey.nav_link("/contacts/dormant/"))
    assert dormant_case.reference in journey.text("main table")
    assert amina_case.reference not in journey.text("main table")
    page.locator(f"#close-{dormant_case.pk}").check()
    page.select_option("#id_reason", "no_contact")
    journey.follow(page.locator("main form[method=post] button[type=submit]"))
    job = BulkClosure.objects.get()
    assert page.url.endswith(f"/contacts/bulk-closures/{job.pk}/")
    page.locator("#job-progress").wait_for()
    assert not Case.objects.get(pk=dormant_case.pk).is_open
