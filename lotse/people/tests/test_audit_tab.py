from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.accounts.choices import Role
from lotse.audit.models import AuditEntry
from lotse.people.tests.conftest import SECRET_STREET
from lotse.testing import factories as f


def test_it_shows_the_audit_tab_only_to_the_dpo_of_the_owning_organisation(
    client, login, shared_case, alice, bob, carol, dora, drk, operator
):
    url = reverse("people:audit", args=[shared_case.person_id])
    for outsider in (alice, bob, carol, operator, f.staff(drk, Role.DPO)):
        login(outsider)
        assert client.get(url).status_code == 404, outsider
    login(dora)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "alice" in body
    assert f'href="{url}" aria-current="page"' in body


def test_it_lists_entries_newest_first_without_changed_values(client, login, shared_case, dora):
    login(dora)
    response = client.get(reverse("people:audit", args=[shared_case.person_id]))
    entries = list(response.context["page_obj"].object_list)
    assert [e.pk for e in entries] == sorted((e.pk for e in entries), reverse=True)
    assert entries[0].person_id == shared_case.person_id
    # The address was created with its street as a changed value; only field names show.
    assert SECRET_STREET not in response.content.decode()
    assert "street" in response.content.decode()


def test_it_paginates_the_audit_trail_with_constant_queries(
    client, login, shared_case, alice, dora, django_assert_max_num_queries
):
    url = reverse("people:audit", args=[shared_case.person_id])
    login(dora)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    # Read now: every request clears the connection's query log.
    few_count = len(few.captured_queries)
    login(alice)
    for _ in range(30):
        client.get(reverse("people:detail", args=[shared_case.person_id]))
    login(dora)
    with django_assert_max_num_queries(few_count):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 25
    assert response.context["page_obj"].has_next()


def test_it_shows_the_dpo_identity_only(client, login, shared_case, dora):
    login(dora)
    response = client.get(reverse("people:detail", args=[shared_case.person_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Haddad, Amina" in body
    assert SECRET_STREET not in body
    assert reverse("people:audit", args=[shared_case.person_id]) in body
    cases = client.get(reverse("people:cases", args=[shared_case.person_id]))
    assert list(cases.context["cases"]) == []
    reads = AuditEntry.objects.filter(actor=dora, action="read")
    assert {frozenset(e.categories) for e in reads} == {frozenset({"identity"})}
