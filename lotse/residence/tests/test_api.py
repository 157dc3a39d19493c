"""The residence API: same rules, visibility and audit as the tab; answers checked
against docs/openapi.yaml."""

import pytest

from lotse.audit.models import AuditEntry
from lotse.core.tests.api.conftest import Api
from lotse.residence.actions import do_save_facts
from lotse.residence.models import Evaluation, StatusPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Api


def test_it_answers_the_pathway_result_document(api, person, alice, history):
    answer = api(alice).get(f"people/{person.pk}/pathways/", {"as_of": "2026-11-21"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["as_of"] == "2026-11-21"
    assert [p["id"] for p in body["pathways"]] == [
        "aufenthg-104c",
        "aufenthg-25a",
        "aufenthg-25b",
        "aufenthg-60c",
        "aufenthg-60d",
        "stag-10",
    ]
    read = AuditEntry.objects.filter(object_type="residence.pathways").get()
    assert (read.person_id, read.categories) == (person.pk, {"residence"})


def test_it_answers_400_naming_the_field_for_a_bad_as_of(api, person, alice):
    answer = api(alice).get(f"people/{person.pk}/pathways/", {"as_of": "2026-02-30"})
    assert answer.status_code == 400
    assert list(answer.json()) == ["as_of"]


@pytest.mark.parametrize("reader", ["carol", "dora"])
def test_it_hides_the_pathways_from_those_without_the_residence_category(
    api, person, history, reader, request
):
    assert (
        api(request.getfixturevalue(reader)).get(f"people/{person.pk}/pathways/").status_code == 404
    )


def test_the_participant_reads_the_pathways_and_rows_but_cannot_change(api, person, bob, history):
    client = api(bob)
    assert client.get(f"people/{person.pk}/pathways/").status_code == 200
    rows = client.get("residence/status-periods/", {"person": person.pk}).json()
    assert [r["kind"] for r in rows["results"]] == ["gestattung", "duldung"]
    answer = client.patch(f"residence/status-periods/{history[0].pk}/", {"document_number": "X"})
    assert answer.status_code == 403
    created = client.post(
        "residence/status-periods/",
        {"person": person.pk, "kind": "duldung", "valid_from": "2030-01-01"},
    )
    assert created.status_code == 400 and "person" in created.json()


def test_it_refuses_an_overlapping_period_with_400_and_saves_nothing(api, person, alice, history):
    answer = api(alice).post(
        "residence/status-periods/",
        {
            "person": person.pk,
            "kind": "aufenthaltserlaubnis",
            "paragraph": "25 Abs. 5 AufenthG",
            "valid_from": "2018-01-01",
            "valid_until": "2018-12-31",
        },
    )
    assert answer.status_code == 400
    assert "overlaps the recorded period" in answer.json()["non_field_errors"][0]
    assert StatusPeriod.objects.filter(person=person).count() == 2


def test_it_refuses_an_end_before_the_start_naming_the_field(api, person, alice):
    answer = api(alice).post(
        "residence/employment/",
        {
            "person": person.pk,
            "valid_from": "2022-05-01",
            "valid_until": "2022-04-01",
            "hours_per_week": 20,
        },
    )
    assert answer.status_code == 400
    assert answer.json() == {"valid_until": ["The end lies before the start."]}


def test_it_adds_changes_and_removes_a_period(api, person, alice):
    client = api(alice)
    created = client.post(
        "residence/status-periods/",
        {
            "person": person.pk,
            "kind": "aufenthaltserlaubnis",
            "paragraph": "104c AufenthG",
            "valid_from": "2025-06-01",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = client.patch(
        f"residence/status-periods/{pk}/", {"valid_until": "2026-11-30", "expected_version": 1}
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = client.patch(
        f"residence/status-periods/{pk}/", {"document_number": "A1", "expected_version": 1}
    )
    assert stale.status_code == 409
    assert client.delete(f"residence/status-periods/{pk}/").status_code == 204
    assert not StatusPeriod.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="residence.statusperiod")
        .exclude(action="read")
        .values_list("action", flat=True)
        .order_by("id")
    )
    assert actions == ["create", "update", "delete"]


def test_it_reads_and_records_facts(api, person, alice, bob):
    empty = api(alice).get(f"residence/facts/{person.pk}/")
    assert empty.status_code == 200 and empty.json()["version"] is None
    saved = api(alice).patch(
        f"residence/facts/{person.pk}/",
        {"entry_date": "2016-08-20", "fdgo_commitment": True, "convictions_complete": True},
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["fdgo_commitment"] is True and saved.json()["civic_knowledge"] is None
    future = api(alice).patch(f"residence/facts/{person.pk}/", {"entry_date": "2999-01-01"})
    assert future.status_code == 400 and list(future.json()) == ["entry_date"]
    assert (
        api(bob).patch(f"residence/facts/{person.pk}/", {"fdgo_commitment": False}).status_code
        == 403
    )


def test_it_stores_and_lists_evaluations(api, person, alice, bob, carol, history):
    do_save_facts(alice, person, fdgo_commitment=True)
    created = api(alice).post(
        "residence/evaluations/", {"person": person.pk, "as_of": "2026-11-21"}
    )
    assert created.status_code == 201, created.content
    assert created.json()["created_by"] == "alice"
    evaluation = Evaluation.objects.get()
    listed = api(bob).get("residence/evaluations/", {"person": person.pk}).json()
    assert [e["id"] for e in listed["results"]] == [evaluation.pk]
    assert api(carol).get(f"residence/evaluations/{evaluation.pk}/").status_code == 404
    assert api(bob).post("residence/evaluations/", {"person": person.pk}).status_code == 400


def test_the_row_list_costs_a_fixed_number_of_queries(
    api, person, alice, history, django_assert_max_num_queries
):
    client = api(alice)
    client.get("residence/status-periods/")
    with django_assert_max_num_queries(12):
        answer = client.get("residence/status-periods/")
    assert answer.json()["count"] == 2
    assert api(alice).get("residence/status-periods/", {"person": "x"}).status_code == 400


def test_it_refuses_dates_the_engine_cannot_read(api, person, alice):
    client = api(alice)
    assert list(client.get(f"people/{person.pk}/pathways/", {"as_of": "0059-03-16"}).json()) == [
        "as_of"
    ]
    stored = client.post("residence/evaluations/", {"person": person.pk, "as_of": "2300-01-01"})
    assert stored.status_code == 400 and list(stored.json()) == ["as_of"]
    period = client.post(
        "residence/status-periods/",
        {"person": person.pk, "kind": "duldung", "valid_from": "1850-01-01"},
    )
    assert period.status_code == 400 and list(period.json()) == ["valid_from"]
    assert not Evaluation.objects.exists() and not StatusPeriod.objects.exists()
