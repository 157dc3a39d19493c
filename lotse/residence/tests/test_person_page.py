"""The residence tab: who sees it, what it shows, its forms, and what it costs."""

import datetime

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.residence.actions import do_add_row
from lotse.residence.models import (
    EmploymentSpell,
    Evaluation,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)

pytestmark = pytest.mark.django_db
# Session and user, person and categories, six row kinds, facts, evaluations, audit.
QUERIES = 23


def url(person, name="residence:person", *args):
    return reverse(name, args=[person.pk, *args])


def test_it_shows_history_facts_and_pathways_to_the_owner(client, login, person, alice, history):
    login(alice)
    response = client.get(url(person))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Toleration (Duldung)" in body and "04/01/2018" in body
    assert "§ 25b AufenthG" in body and "Likely met now" in body
    assert reverse("residence:add", args=[person.pk, "status"]) in body
    read = AuditEntry.objects.filter(action="read", person_id=person.pk).latest("id")
    assert read.categories == {"identity", "residence"}


def test_the_person_page_links_the_tab_for_readers_of_the_residence_category(
    client, login, person, alice, dora
):
    login(alice)
    assert url(person) in client.get(reverse("people:detail", args=[person.pk])).content.decode()
    client.logout()
    login(dora)
    page = client.get(reverse("people:detail", args=[person.pk]))
    assert page.status_code == 200 and url(person) not in page.content.decode()


def test_a_participant_with_a_release_reads_but_cannot_change(client, login, person, bob, history):
    login(bob)
    response = client.get(url(person))
    assert response.status_code == 200
    assert reverse("residence:add", args=[person.pk, "status"]) not in response.content.decode()
    assert client.get(url(person, "residence:add", "status")).status_code == 404
    post = client.post(url(person, "residence:remove", "status", history[0].pk))
    assert post.status_code == 404 and StatusPeriod.objects.count() == 2


@pytest.mark.parametrize("reader", ["carol", "dora"])
def test_others_get_not_found(client, login, person, history, reader, request):
    login(request.getfixturevalue(reader))
    assert client.get(url(person)).status_code == 404


def test_the_form_refuses_an_overlapping_period_and_saves_nothing(
    client, login, person, alice, history
):
    login(alice)
    response = client.post(
        url(person, "residence:add", "status"),
        {
            "kind": "aufenthaltserlaubnis",
            "paragraph": "25 Abs. 5 AufenthG",
            "valid_from": "2018-01-01",
            "valid_until": "2018-12-31",
            "work_permission": "unknown",
        },
    )
    assert response.status_code == 200
    assert "overlaps the recorded period" in response.content.decode()
    assert StatusPeriod.objects.filter(person=person).count() == 2


def test_the_form_links_an_impossible_date_to_its_field(client, login, person, alice):
    login(alice)
    response = client.post(
        url(person, "residence:add", "status"),
        {
            "kind": "duldung",
            "valid_from": "2020-05-01",
            "valid_until": "2020-04-01",
            "work_permission": "unknown",
        },
    )
    body = response.content.decode()
    assert "The end lies before the start." in body and 'aria-invalid="true"' in body
    assert not StatusPeriod.objects.exists()


def test_it_adds_changes_and_removes_a_period(client, login, person, alice):
    login(alice)
    data = {"kind": "duldung", "valid_from": "2020-01-01", "work_permission": "forbidden"}
    assert client.post(url(person, "residence:add", "status"), data).status_code == 302
    period = StatusPeriod.objects.get(person=person)
    changed = {**data, "valid_until": "2020-12-31", "version": "1"}
    assert (
        client.post(url(person, "residence:change", "status", period.pk), changed).status_code
        == 302
    )
    period.refresh_from_db()
    assert (period.valid_until, period.version) == (datetime.date(2020, 12, 31), 2)
    stale = client.post(url(person, "residence:change", "status", period.pk), changed)
    assert "Someone else changed this entry" in stale.content.decode()
    remove = client.post(url(person, "residence:remove", "status", period.pk))
    assert remove.status_code == 302 and not StatusPeriod.objects.exists()


def test_it_records_facts_with_unknown_as_a_third_answer(client, login, person, alice):
    login(alice)
    response = client.post(
        url(person, "residence:facts"),
        {"entry_date": "2016-08-20", "fdgo_commitment": "true", "civic_knowledge": "unknown"},
    )
    assert response.status_code == 302
    facts = ResidenceFacts.objects.get(person=person)
    assert (facts.fdgo_commitment, facts.civic_knowledge) == (True, None)


def test_it_saves_an_evaluation_on_request(client, login, person, alice, history):
    login(alice)
    response = client.post(url(person, "residence:evaluate"), {"as_of": "2026-01-15"})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(person=person)
    assert evaluation.as_of == datetime.date(2026, 1, 15) and evaluation.created_by == alice
    assert evaluation.facts["status_periods"][1]["kind"] == "duldung"
    page = client.get(url(person)).content.decode()
    assert url(person, "residence:evaluation", evaluation.pk) in page
    detail = client.get(url(person, "residence:evaluation", evaluation.pk))
    assert detail.status_code == 200 and "§ 25b AufenthG" in detail.content.decode()
    entry = AuditEntry.objects.get(object_type="residence.evaluation", action="create")
    assert entry.changes["as_of"] == [None, "2026-01-15"]


def test_the_panel_answers_htmx_with_the_panel_only(client, login, person, alice, history):
    login(alice)
    response = client.get(
        url(person), {"as_of": "2020-01-01", "panel": "1"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'id="pathways-panel"' in body
    assert "<html" not in body and "Status history" not in body


def test_the_tab_costs_a_fixed_number_of_queries(
    client, login, person, alice, history, django_assert_max_num_queries
):
    for year in (2019, 2020, 2021):
        do_add_row(
            alice,
            LanguageCertificate(person=person, level="A2", issued_on=datetime.date(year, 1, 1)),
        )
        do_add_row(
            alice,
            EmploymentSpell(
                person=person,
                valid_from=datetime.date(year, 1, 1),
                valid_until=datetime.date(year, 6, 30),
                hours_per_week=20,
            ),
        )
    login(alice)
    client.get(url(person))
    with django_assert_max_num_queries(QUERIES):
        assert client.get(url(person)).status_code == 200
