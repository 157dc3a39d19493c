"""The follow-up API: same visibility and audit as the pages; answers checked against the schema."""

import pytest
from django.test import Client

from lotse.audit.models import AuditEntry
from lotse.core.tests.api.conftest import Api
from lotse.deadlines.models import Task
from lotse.testing import factories as f


@pytest.fixture
def api():
    return Api


def test_it_creates_lists_changes_and_completes_a_task(api, alice, alice_case, days):
    client = api(alice)
    created = client.post(
        "tasks/",
        {
            "case": alice_case.pk,
            "title": "Termin ABH",
            "due_on": days(2).isoformat(),
            "assignee": alice.pk,
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["title"] == "Termin ABH" and body["case_reference"] == alice_case.reference
    task_id = body["id"]
    listed = client.get("tasks/", {"mine": "true", "due": "week"})
    assert listed.status_code == 200
    changed = client.patch(
        f"tasks/{task_id}/", {"due_on": days(3).isoformat(), "expected_version": 1}
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = client.patch(f"tasks/{task_id}/", {"title": "Alt", "expected_version": 1})
    assert stale.status_code == 409
    assert "due on" in stale.json()["detail"].lower()
    done = client.post(f"tasks/{task_id}/complete/", {"status": "done", "expected_version": 2})
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert AuditEntry.objects.filter(object_type="deadlines.task", action="read").exists()


def test_it_refuses_bad_input_with_field_errors_and_saves_nothing(api, alice, alice_case, days):
    client = api(alice)
    response = client.post(
        "tasks/",
        {
            "case": alice_case.pk,
            "title": "x",
            "due_on": days(2).isoformat(),
            "remind_on": days(4).isoformat(),
            "assignee": alice.pk,
        },
    )
    assert response.status_code == 400
    assert "remind_on" in response.json()
    bad_date = client.post(
        "tasks/",
        {"case": alice_case.pk, "title": "x", "due_on": "2026-13-01", "assignee": alice.pk},
    )
    assert bad_date.status_code == 400 and "due_on" in bad_date.json()
    open_again = client.post(
        "tasks/",
        {"case": alice_case.pk, "title": "x", "due_on": days(1).isoformat(), "assignee": alice.pk},
    )
    refused = client.post(
        f"tasks/{open_again.json()['id']}/complete/", {"status": "open", "expected_version": 1}
    )
    assert refused.status_code == 400
    assert Task.objects.count() == 1


def test_others_cannot_see_or_change_tasks(api, alice, bob, carol, jobcentre, alice_case, days):
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity", "case_notes"), actor=alice)
    task = f.task(alice_case, alice, due_on=days(1))
    for user in (bob, carol):
        client = api(user)
        assert client.get(f"tasks/{task.pk}/").status_code == 404
        assert client.get("tasks/").json()["count"] == 0
        response = client.post(
            f"tasks/{task.pk}/complete/", {"status": "done", "expected_version": 1}
        )
        assert response.status_code == 404
        create = client.post(
            "tasks/",
            {
                "case": alice_case.pk,
                "title": "x",
                "due_on": days(1).isoformat(),
                "assignee": user.pk,
            },
        )
        assert create.status_code == 400 and "case" in create.json()
    assert Task.objects.get(pk=task.pk).status == "open"


def test_the_dashboard_matches_the_start_page(
    api, caritas, alice, days, django_assert_max_num_queries
):
    for offset in (-1, 0, 2):
        case = f.case(caritas, managers=(alice,), actor=alice)
        f.task(case, alice, due_on=days(offset))
    client = api(alice)
    with django_assert_max_num_queries(30):
        body = client.get("dashboard/").json()
    assert body["overdue"]["count"] == 1 and body["today"]["count"] == 1
    assert sum(p["count"] for p in body["cases_by_phase"]) == 3


def test_the_caseload_and_reassignment_are_for_team_leads(
    api, caritas, alice_in_nord, erik, tessa, days
):
    case = f.case(caritas, managers=(erik,), actor=erik)
    f.task(case, erik, due_on=days(1))
    assert api(erik).get("caseload/").status_code == 403
    lead = api(tessa)
    members = {m["username"]: m for m in lead.get("caseload/").json()}
    assert members["erik"]["open_cases"] == 1 and members["erik"]["open_tasks"] == 1
    moved = lead.post(
        "caseload/reassign/", {"case": case.pk, "from_user": erik.pk, "to_user": alice_in_nord.pk}
    )
    assert moved.status_code == 200 and moved.json()["managers"] == [alice_in_nord.pk]
    denied = api(erik).post(
        "caseload/reassign/", {"case": case.pk, "from_user": alice_in_nord.pk, "to_user": erik.pk}
    )
    assert denied.status_code == 403


def test_the_calendar_address_is_issued_once_and_revoked(api, alice):
    client = api(alice)
    assert client.get("calendar-feed/").json()["active"] is False
    issued = client.post("calendar-feed/")
    assert issued.status_code == 201
    url = issued.json()["url"]
    assert Client().get(url).status_code == 200
    assert client.get("calendar-feed/").json()["active"] is True
    assert "url" not in client.get("calendar-feed/").json()
    assert client.delete("calendar-feed/").status_code == 204
    assert Client().get(url).status_code == 404
