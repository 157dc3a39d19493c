"""The DPO's audit trail: who sees it, what it contains, how it filters and renders."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.accounts.choices import Role
from lotse.audit.log import record_read
from lotse.audit.models import AuditEntry
from lotse.audit.tests.helpers import audit_mark, entries_after
from lotse.audit.tests.scenario import DAY_ONE, DAY_TWO
from lotse.testing import factories as f

URLS = {
    "index": lambda t: reverse("audit:index"),
    "person": lambda t: reverse("audit:person", args=[t.amina.pk]),
    "user": lambda t: reverse("audit:user", args=[t.bob_reads_amina.actor_id]),
    "export": lambda t: reverse("audit:export"),
}


def _shown(response) -> list[int]:
    return [row.entry.pk for row in response.context["rows"]]


@pytest.mark.parametrize(
    "role",
    ["case_manager", "team_lead", "office_staff", "coordinator", "administrator", "operator"],
)
@pytest.mark.parametrize("page", list(URLS))
def test_it_answers_404_to_everyone_but_a_dpo(client, login, caritas, trail, role, page):
    if role == "operator":
        user = f.UserFactory(is_superuser=True, is_staff=True)
    else:
        user = f.staff(caritas, role)
    login(user)
    mark = audit_mark()
    assert client.get(URLS[page](trail)).status_code == 404
    assert entries_after(mark) == []


def test_it_sends_anonymous_visitors_to_sign_in(client, trail):
    response = client.get(reverse("audit:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not AnonymousUser().is_authenticated


def test_it_shows_entries_about_own_persons_and_by_own_staff(client, login, dora, trail):
    login(dora)
    response = client.get(reverse("audit:index"))
    assert response.status_code == 200
    shown = _shown(response)
    assert set(shown) == trail.in_scope()
    assert shown == sorted(shown, reverse=True), "newest first"
    # The job centre's read of a Caritas person, and a Caritas member's read elsewhere.
    assert trail.bob_reads_amina.pk in shown
    assert trail.alice_reads_yusuf.pk in shown
    # DRK's own work on DRK's person is none of Caritas' business.
    assert trail.carol_reads_yusuf.pk not in shown
    assert not AuditEntry.objects.filter(pk__in=shown, actor_name="carol").exists()


def test_it_renders_changes_readably_and_withholds_case_content(client, login, dora, trail):
    login(dora)
    html = client.get(reverse("audit:index")).content.decode()
    # Identity of the DPO's own person: old → new.
    assert "Haddad" in html and "Hadad" in html
    assert "→" in html
    assert reverse("people:detail", args=[trail.amina.pk]) in html
    assert reverse("audit:person", args=[trail.amina.pk]) in html
    # Case notes are not the DPO's to read: the field is named, the value withheld.
    assert "Schulden bei der Stadtkasse" not in html
    assert "not released" in html or "nicht freigegeben" in html
    # A person of another organisation appears by number only.
    assert "Karimi" not in html
    assert f"#{trail.yusuf.pk}" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda t: {"person": t.yusuf.pk}, lambda t: {t.alice_reads_yusuf.pk}),
        (lambda t: {"user": "BOB"}, lambda t: {t.bob_reads_amina.pk}),
        (
            lambda t: {"action": "update", "object_type": "people.person"},
            lambda t: {t.alice_renames_amina.pk},
        ),
        (
            lambda t: {"category": "case_notes", "date_from": DAY_TWO.isoformat()},
            lambda t: {t.alice_writes_summary.pk},
        ),
        (
            lambda t: {"date_to": DAY_ONE.isoformat(), "action": "read"},
            lambda t: {t.bob_reads_amina.pk, t.alice_reads_yusuf.pk},
        ),
        (
            lambda t: {"date_from": DAY_TWO.isoformat(), "date_to": DAY_TWO.isoformat()},
            lambda t: {t.alice_renames_amina.pk, t.alice_writes_summary.pk},
        ),
    ],
)
def test_it_filters(client, login, dora, trail, query, expected):
    login(dora)
    response = client.get(reverse("audit:index"), query(trail))
    assert response.status_code == 200
    assert set(_shown(response)) == expected(trail)


def test_it_explains_invalid_filters_next_to_the_field(client, login, dora, trail):
    login(dora)
    response = client.get(
        reverse("audit:index"),
        {"date_from": DAY_TWO.isoformat(), "date_to": DAY_ONE.isoformat(), "person": "x"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"date_to", "person"}
    html = response.content.decode()
    assert 'id="id_date_to_errors"' in html
    assert 'aria-describedby="id_date_to_errors"' in html


def test_it_shows_one_person_and_records_that_read(client, login, dora, trail):
    login(dora)
    mark = audit_mark()
    response = client.get(reverse("audit:person", args=[trail.amina.pk]))
    assert response.status_code == 200
    shown = _shown(response)
    (read,) = entries_after(mark)
    # Everything about Amina, from every organisation, including this very read.
    assert shown[0] == read.pk
    assert set(shown) == set(
        AuditEntry.objects.filter(person_id=trail.amina.pk).values_list("id", flat=True)
    )
    assert trail.bob_reads_amina.pk in shown
    assert (read.actor_id, read.person_id, read.action) == (dora.pk, trail.amina.pk, "read")
    assert read.categories == {"identity"}
    assert f"person={trail.amina.pk}" in response.context["export_url"]


def test_it_refuses_the_person_view_outside_the_organisation(client, login, dora, trail):
    login(dora)
    assert client.get(reverse("audit:person", args=[trail.yusuf.pk])).status_code == 404
    assert client.get(reverse("audit:person", args=[999_999])).status_code == 404


def test_it_shows_one_user(client, login, dora, alice, bob, carol, trail):
    login(dora)
    response = client.get(reverse("audit:user", args=[bob.pk]))
    assert response.status_code == 200
    assert _shown(response) == [trail.bob_reads_amina.pk]
    response = client.get(reverse("audit:user", args=[alice.pk]))
    assert set(_shown(response)) == set(
        AuditEntry.objects.filter(actor_id=alice.pk).values_list("id", flat=True)
    )
    # Carol works elsewhere and never touched a Caritas person.
    assert client.get(reverse("audit:user", args=[carol.pk])).status_code == 404


def test_it_paginates_fifty_entries_per_page(client, login, dora, trail):
    for _ in range(60):
        record_read(trail.case.managers.first(), person_id=trail.amina.pk, categories=["identity"])
    login(dora)
    first = client.get(reverse("audit:index"))
    total = len(trail.in_scope())
    assert len(_shown(first)) == 50
    assert first.context["page"].paginator.count == total
    second = client.get(reverse("audit:index"), {"page": 2})
    assert len(_shown(second)) == total - 50
    assert not set(_shown(first)) & set(_shown(second))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["index", "person", "user"])
def test_it_needs_the_same_number_of_queries_for_many_entries(
    client, login, dora, jobcentre, trail, page, django_assert_max_num_queries
):
    login(dora)
    url = URLS[page](trail)
    few = _queries(client, url)
    # Many more entries, by many different users of several organisations.
    for i in range(40):
        reader = f.staff(jobcentre, Role.OFFICE_STAFF, username=f"reader{i}")
        record_read(reader, person_id=trail.amina.pk, categories=["identity"])
    f.staff(jobcentre, Role.OFFICE_STAFF, username="bob2")
    many = _queries(client, url)
    assert many == few
    with django_assert_max_num_queries(16):
        client.get(url)


def test_it_shows_what_was_created_and_what_was_removed(db):
    from django.utils import timezone

    from lotse.audit.display import changes_of

    def entry(action, changes, categories=frozenset({"contact"})):
        return AuditEntry(
            at=timezone.now(),
            action=action,
            object_type="people.address",
            categories=categories,
            changes=changes,
        )

    created = changes_of(
        entry("create", {"id": [None, 4], "street": [None, "Weg 1"], "postcode": [None, ""]}), True
    )
    assert [(c.label, c.old, c.new) for c in created] == [("street and number", None, "Weg 1")]
    removed = changes_of(entry("delete", {"street": ["Weg 1", None]}), True)
    assert [(c.old, c.new) for c in removed] == [("Weg 1", None)]
    withheld = changes_of(entry("update", {"street": ["Weg 1", "Weg 2"]}), False)
    assert [(c.old, c.new) for c in withheld] == [(None, "not released")]
