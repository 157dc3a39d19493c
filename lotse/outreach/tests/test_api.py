"""The outreach and residence-list API: same rules, visibility and audit as the pages;
answers checked against docs/openapi.yaml."""

import datetime

import pytest

from lotse.audit.models import AuditEntry
from lotse.core.tests.api.conftest import Api
from lotse.outreach.models import Campaign

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
