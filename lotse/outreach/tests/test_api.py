"""The outreach and residence-list API: same rules, visibility and audit as the pages;
answers checked against docs/openapi.yaml."""

import datetime

import pytest

from lotse.audit.models import AuditEntry
from lotse.core.tests.api.conftest import Api
from lotse.outreach.models import Campaign
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_target_groups_and_deadlines_follow_visibility(group, alice, bob, carol):
    rows = Api(alice).get("residence/target-groups/", {"group": "104c_ending"}).json()
    assert {r["name"] for r in rows["results"]} == {"Haddad, Test", "Koval, Test", "Meyer, Test"}
    # The job centre holds Amina's residence release, not her identity.
    theirs = Api(bob).get("residence/target-groups/", {"group": "104c_ending"}).json()
    assert [(r["person"], r["name"]) for r in theirs["results"]] == [(group[0].person_id, None)]
    assert (
        Api(carol).get("residence/target-groups/", {"group": "104c_ending"}).json()["results"] == []
    )
    assert Api(alice).get("residence/target-groups/", {"group": "x"}).status_code == 400
    deadlines = Api(alice).get("residence/deadlines/", {"lead_days": 120}).json()["results"]
    assert {d["kind"] for d in deadlines} == {"chancen_end"}
    assert all(d["source"] == "§ 104c Abs. 3 S. 3 AufenthG" for d in deadlines)
    assert Api(alice).get("residence/deadlines/", {"lead_days": 0}).status_code == 400
    assert AuditEntry.objects.filter(action="read", actor_id=bob.pk).exists()


def test_a_campaign_through_the_api(group, alice, bob, caritas, jobcentre):
    started = Api(alice).post(
        "outreach/campaigns/",
        {"group": "104c_ending", "title": "Per API", "organisation": caritas.pk},
    )
    assert started.status_code == 201, started.content
    campaign_id = started.json()["id"]
    detail = Api(alice).get(f"outreach/campaigns/{campaign_id}/").json()
    assert len(detail["recipients"]) == 3
    recipient = next(r for r in detail["recipients"] if r["person"] == group[0].person_id)
    assert recipient["letter_language"] == "ar"
    assert Api(bob).get(f"outreach/campaigns/{campaign_id}/").status_code == 404
    url = f"outreach/recipients/{recipient['id']}/informed/"
    assert (
        Api(bob).post(url, {"informed_on": TODAY.isoformat(), "channel": "phone"}).status_code
        == 404
    )
    bad = Api(alice).post(url, {"informed_on": "2999-01-01", "channel": "phone"})
    assert bad.status_code == 400 and "informed_on" in bad.json()
    done = Api(alice).post(
        url, {"informed_on": TODAY.isoformat(), "channel": "phone", "expected_version": 1}
    )
    assert (
        done.status_code == 200
        and done.json()["follow_up_due"] == (TODAY + datetime.timedelta(days=14)).isoformat()
    )
    stale = Api(alice).post(
        url, {"informed_on": TODAY.isoformat(), "channel": "phone", "expected_version": 1}
    )
    assert stale.status_code == 409
    refused = Api(alice).post(
        "outreach/campaigns/",
        {"group": "104c_ending", "title": "Fremd", "organisation": jobcentre.pk},
    )
    assert refused.status_code == 400 and Campaign.objects.count() == 1
    assert Api(bob).get("outreach/campaigns/").json()["results"] == []


def _campaign(alice, caritas):
    started = Api(alice).post(
        "outreach/campaigns/",
        {"group": "104c_ending", "title": "Briefe per API", "organisation": caritas.pk},
    )
    assert started.status_code == 201, started.content
    return started.json()["id"]


def test_a_campaigns_letters_with_their_informed_state(group, alice, bob, carol, caritas):
    campaign_id = _campaign(alice, caritas)
    reads = AuditEntry.objects.filter(action="read", actor_id=alice.pk).count()
    letters = Api(alice).get(f"outreach/campaigns/{campaign_id}/letters/").json()
    assert letters["count"] == 3
    assert {r["name"] for r in letters["results"]} == {"Haddad, Test", "Koval, Test", "Meyer, Test"}
    assert all(r["informed_on"] is None and r["informed_by"] is None for r in letters["results"])
    # One read per person shown, with identity and residence.
    assert AuditEntry.objects.filter(action="read", actor_id=alice.pk).count() == reads + 3
    first = letters["results"][0]
    done = Api(alice).post(
        f"outreach/recipients/{first['id']}/informed/",
        {"informed_on": TODAY.isoformat(), "channel": "letter", "expected_version": 1},
    )
    assert done.status_code == 200
    informed = Api(alice).get(f"outreach/campaigns/{campaign_id}/letters/", {"informed": "true"})
    (row,) = informed.json()["results"]
    assert (row["id"], row["informed_on"], row["channel"]) == (
        first["id"],
        TODAY.isoformat(),
        "letter",
    )
    assert row["informed_by"] and row["follow_up_due"]
    waiting = Api(alice).get(f"outreach/campaigns/{campaign_id}/letters/", {"informed": "false"})
    assert waiting.json()["count"] == 2
    bad = Api(alice).get(f"outreach/campaigns/{campaign_id}/letters/", {"informed": "perhaps"})
    assert bad.status_code == 400 and "informed" in bad.json()
    # Not the job centre's campaign, whatever it may see of Amina; nothing for DRK.
    assert Api(bob).get(f"outreach/campaigns/{campaign_id}/letters/").status_code == 404
    assert Api(carol).get(f"outreach/campaigns/{campaign_id}/letters/").status_code == 404


def test_one_letter_as_pdf_is_recorded_as_an_export(group, alice, bob, caritas):
    campaign_id = _campaign(alice, caritas)
    recipient = Campaign.objects.get(pk=campaign_id).recipients.get(person=group[0].person)
    url = f"outreach/recipients/{recipient.pk}/letter/"
    pdf = Api(alice).get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    (export,) = AuditEntry.objects.filter(action="export", object_type="outreach.letter")
    assert (export.actor_id, export.person_id) == (alice.pk, group[0].person_id)
    assert export.changes["language"] == [None, "ar"]
    assert Api(bob).get(url).status_code == 404
    assert AuditEntry.objects.filter(action="export").count() == 1


def test_the_combined_print_is_started_and_polled_by_its_starter_only(
    group, alice, caritas, django_capture_on_commit_callbacks
):
    from lotse.contacts.choices import JobStatus
    from lotse.outreach.models import LetterPrint
    from lotse.outreach.tasks import run_print

    campaign_id = _campaign(alice, caritas)
    with django_capture_on_commit_callbacks(execute=True):
        started = Api(alice).post(f"outreach/campaigns/{campaign_id}/print/")
    assert started.status_code == 202
    job = started.json()
    assert (job["state"], job["total"], job["done"], job["ready"]) == ("queued", 3, 0, False)
    assert LetterPrint.objects.get(pk=job["id"]).task_id  # handed to the workers
    assert Api(alice).get(f"outreach/prints/{job['id']}/pdf/").status_code == 404
    run_print(job["id"])
    polled = Api(alice).get(f"outreach/prints/{job['id']}/").json()
    assert (polled["state"], polled["done"], polled["percent"], polled["ready"]) == (
        JobStatus.DONE,
        3,
        100,
        True,
    )
    pdf = Api(alice).get(f"outreach/prints/{job['id']}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="export", object_type="outreach.letter").count() == 3
    colleague = f.staff(caritas, username="erik")
    assert Api(colleague).get(f"outreach/prints/{job['id']}/").status_code == 404
    assert Api(colleague).get(f"outreach/prints/{job['id']}/pdf/").status_code == 404


def test_printing_no_letters_or_with_a_bad_option_is_refused(group, alice, caritas):
    from lotse.outreach.models import LetterPrint

    campaign_id = _campaign(alice, caritas)
    recipients = Campaign.objects.get(pk=campaign_id).recipients
    recipients.update(informed_on=TODAY, channel="letter")
    url = f"outreach/campaigns/{campaign_id}/print/"
    refused = Api(alice).post(url, {"not_informed_only": True})
    assert refused.status_code == 400 and not LetterPrint.objects.exists()
    bad = Api(alice).post(url, {"not_informed_only": "perhaps"})
    assert bad.status_code == 400 and "not_informed_only" in bad.json()
    recipients.all().delete()
    assert Api(alice).post(url).status_code == 400 and not LetterPrint.objects.exists()
