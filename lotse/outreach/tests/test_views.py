"""The campaign pages: start, follow, letters; only for the organisation's case staff,
each recipient only with the residence category."""

import datetime

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.contacts.choices import JobStatus
from lotse.outreach import actions, views
from lotse.outreach.actions import do_create_campaign, do_start_print
from lotse.outreach.models import Campaign, LetterPrint
from lotse.outreach.tasks import run_print
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def campaign(group, alice, caritas):
    return do_create_campaign(
        alice, group="104c_ending", title="Chancen enden", organisation=caritas
    )


def test_a_campaign_is_started_from_the_form(client, login, group, alice, caritas):
    login(alice)
    page = client.get(reverse("outreach:create"), {"group": "104c_ending"})
    assert page.status_code == 200
    response = client.post(
        reverse("outreach:create"),
        {"group": "104c_ending", "title": "Brief", "owner": caritas.pk, "follow_up_days": 7},
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "outreach:detail", args=[campaign.pk]
    )
    assert campaign.recipients.count() == 3 and campaign.follow_up_days == 7


def test_a_bad_form_says_why_and_starts_nothing(client, login, group, alice, caritas):
    login(alice)
    response = client.post(
        reverse("outreach:create"),
        {"group": "104c_ending", "title": "", "owner": caritas.pk, "follow_up_days": 0},
    )
    assert response.status_code == 400 and not Campaign.objects.exists()


def test_the_campaign_page_lists_recipients_and_is_the_organisations(
    client, login, campaign, alice, bob, carol
):
    login(alice)
    body = client.get(reverse("outreach:detail", args=[campaign.pk])).content.decode()
    assert "Haddad, Test" in body and "Koval, Test" in body and "العربية" in body
    assert AuditEntry.objects.filter(action="read", person_id__isnull=False).exists()
    for stranger in (bob, carol):
        client.logout()
        login(stranger)
        assert client.get(reverse("outreach:detail", args=[campaign.pk])).status_code == 404
        assert client.get(reverse("outreach:letters", args=[campaign.pk])).status_code == 404


def test_a_recipient_disappears_when_the_residence_release_ends(
    client, login, group, alice, bob, jobcentre
):
    """The job centre started a campaign over the one person released to it; once
    the release is withdrawn, the recipient, its letter and its form are gone."""
    from lotse.access.actions import do_withdraw_consent
    from lotse.access.models import Consent

    campaign = do_create_campaign(
        bob, group="104c_ending", title="Jobcenter", organisation=jobcentre
    )
    (recipient,) = campaign.recipients.all()
    assert recipient.person_id == group[0].person_id
    login(bob)
    assert client.get(reverse("outreach:letter", args=[recipient.pk])).status_code == 200
    do_withdraw_consent(alice, Consent.objects.get(), withdrawn_on=TODAY)
    body = client.get(reverse("outreach:detail", args=[campaign.pk])).content.decode()
    assert "No recipients you may see." in body or "Keine" in body
    assert client.get(reverse("outreach:letter", args=[recipient.pk])).status_code == 404
    assert client.get(reverse("outreach:informed", args=[recipient.pk])).status_code == 404


def test_letters_are_pdf_and_recorded_as_exports(client, login, campaign, alice):
    login(alice)
    recipient = campaign.recipients.first()
    one = client.get(reverse("outreach:letter", args=[recipient.pk]))
    assert one.status_code == 200 and one["Content-Type"] == "application/pdf"
    assert one.content.startswith(b"%PDF")
    every = client.get(reverse("outreach:letters", args=[campaign.pk]))
    assert every.status_code == 200 and every.content.startswith(b"%PDF")
    exports = AuditEntry.objects.filter(action="export", object_type="outreach.letter")
    assert exports.count() == 1 + 3


def test_recording_informed_through_the_page(client, login, campaign, alice):
    login(alice)
    recipient = campaign.recipients.first()
    url = reverse("outreach:informed", args=[recipient.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"informed_on": "", "channel": "letter", "version": 1})
    assert bad.status_code == 400
    ok = client.post(url, {"informed_on": TODAY.isoformat(), "channel": "letter", "version": 1})
    assert ok.status_code == 302
    recipient.refresh_from_db()
    assert recipient.informed_on == TODAY and recipient.follow_up is not None
    stale = client.post(url, {"informed_on": TODAY.isoformat(), "channel": "phone", "version": 1})
    assert stale.status_code == 400


def test_a_large_campaign_prints_in_the_background_for_its_starter_only(
    client, login, campaign, alice, caritas, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(views, "INLINE_LETTERS", 2)
    monkeypatch.setattr(actions, "INLINE_LETTERS", 2)
    login(alice)
    page = client.get(reverse("outreach:detail", args=[campaign.pk])).content.decode()
    assert reverse("outreach:print", args=[campaign.pk]) in page
    redirected = client.get(reverse("outreach:letters", args=[campaign.pk]))
    assert redirected.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outreach:print", args=[campaign.pk]))
    job = LetterPrint.objects.get()
    assert response.url == reverse("outreach:print_state", args=[job.pk])
    assert job.task_id  # handed to the workers
    state = client.get(reverse("outreach:print_state", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"every 2s" in state.content and b"0 of 3" in state.content
    assert client.get(reverse("outreach:print_pdf", args=[job.pk])).status_code == 404
    run_print(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.done == 3
    state = client.get(reverse("outreach:print_state", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"every 2s" not in state.content
    pdf = client.get(reverse("outreach:print_pdf", args=[job.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Delivered twice, it runs once.
    assert run_print(job.pk).done == 3
    colleague = f.staff(caritas, username="erik")
    client.logout()
    login(colleague)
    assert client.get(reverse("outreach:print_state", args=[job.pk])).status_code == 404
    assert client.get(reverse("outreach:print_pdf", args=[job.pk])).status_code == 404


def test_printing_nothing_is_refused(campaign, alice):
    with pytest.raises(Exception, match="no letters"):
        do_start_print(alice, campaign, [])
