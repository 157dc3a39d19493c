"""Query counts stay constant however many rows a page or a record holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.audit.log import record_read
from lotse.core.tests.api.conftest import add_details
from lotse.testing import factories as f


def grow(caritas, jobcentre, alice, bob, dora, count):
    """`count` more persons with every detail and a case shared with the job centre."""
    for i in range(count):
        person = f.person(caritas, alice, family_name=f"Haddad{i}")
        add_details(person, alice, caritas)
        case = f.case(caritas, person, managers=(alice,), actor=alice)
        f.participant(case, jobcentre, alice)
        f.consent(case, [jobcentre], ("identity", "residence"), actor=alice)
        record_read(bob, person_id=person.pk, categories=["identity"])


def queries(client, path):
    client.get(path)  # warm-up: the token's last-use stamp is written at most once a minute
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


# People and case lists include the queries that audit the listed reads (one append
# to the audit chain per page, however many rows).
LISTS = [
    ("alice", "people/", 10),
    ("bob", "people/", 10),
    # The name search: key lookup (one word on PostgreSQL, for a user with grants:
    # per kind of match the keys read, then the grants probed for their persons),
    # candidates' names, their spellings, the persons shown (and no count query).
    ("alice", "people/?q=haddad", 15),
    ("alice", "cases/", 12),
    ("bob", "cases/", 12),
    ("alice", "consents/", 8),
    ("dora", "audit/", 8),
    ("alice", "organisations/", 6),
]


@pytest.mark.parametrize(("who", "path", "limit"), LISTS)
def test_it_lists_with_a_constant_number_of_queries(
    who, path, limit, caritas, jobcentre, alice, bob, dora, api, request
):
    client = api(request.getfixturevalue(who))
    grow(caritas, jobcentre, alice, bob, dora, 2)
    few = queries(client, path)
    grow(caritas, jobcentre, alice, bob, dora, 4)
    many = queries(client, path)
    assert few == many, f"{path}: {few} queries for few rows, {many} for more"
    assert many <= limit


def test_it_shows_a_person_with_a_constant_number_of_queries(
    world, caritas, alice, api, django_assert_max_num_queries
):
    client = api(alice)
    path = f"people/{world['person'].pk}/"
    few = queries(client, path)
    add_details_again(world["person"], alice, caritas)
    assert queries(client, path) == few
    with django_assert_max_num_queries(20):
        client.get(path)


def add_details_again(person, actor, issuer):
    from lotse.people.actions import do_add_detail
    from lotse.people.models import Address, ContactDetail, NameSpelling

    for i in range(3):
        do_add_detail(
            actor, NameSpelling(person=person, given_names=f"A{i}", family_name="B", kind="alias")
        )
        do_add_detail(actor, ContactDetail(person=person, kind="email", value=f"a{i}@example.org"))
        do_add_detail(
            actor, Address(person=person, street=f"Weg {i}", place="X", valid_from="2023-01-01")
        )


def test_it_shows_a_case_with_a_constant_number_of_queries(
    world, drk, alice, api, django_assert_max_num_queries
):
    client = api(alice)
    path = f"cases/{world['case'].pk}/"
    few = queries(client, path)
    f.participant(world["case"], drk, alice)
    assert queries(client, path) == few
    with django_assert_max_num_queries(20):
        client.get(path)
