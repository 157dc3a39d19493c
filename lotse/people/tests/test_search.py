import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.people.actions import do_add_detail
from lotse.people.models import NameSpelling, Nationality
from lotse.people.search import find_people, search_people
from lotse.testing import factories as f

SEARCH = reverse("people:search")


def _people(user, query, **kwargs):
    return [match.person for match in search_people(user, query, **kwargs)]


def _found(response, person):
    return reverse("people:detail", args=[person.pk]) in response.content.decode()


def test_it_finds_a_person_only_for_those_who_may_see_it(client, login, caritas, alice, carol):
    amina = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    login(alice)
    assert _found(client.get(SEARCH, {"q": "hadd"}), amina)
    login(carol)
    response = client.get(SEARCH, {"q": "hadd"})
    assert response.status_code == 200
    assert not _found(response, amina)
    assert "Haddad" not in response.content.decode()


def test_it_lets_the_operator_find_every_persons_identity(
    client, login, caritas, drk, alice, carol, operator
):
    amina = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    omar = f.person(drk, carol, given_names="Omar", family_name="Haddadi")
    login(operator)
    response = client.get(SEARCH, {"q": "Haddad"})
    assert _found(response, amina) and _found(response, omar)
    assert "Register new person" not in response.content.decode()


def test_it_matches_spellings_swapped_names_and_punctuation(caritas, alice):
    person = f.person(
        caritas,
        alice,
        given_names="Mohammed",
        family_name="Al-Ahmadi",
        spellings=[{"given_names": "Muhammad", "family_name": "Ahmady", "kind": "transliteration"}],
    )
    other = f.person(caritas, alice, given_names="Mohammed", family_name="Karimi")
    assert _people(alice, "ahmady") == [person]
    assert _people(alice, "Al-Ahmadi, Mohammed") == [person]
    assert _people(alice, "ahmadi mohammed") == [person]
    assert set(_people(alice, "mohammed")) == {person, other}
    # A variant of the given name finds both; the family name decides the order.
    assert _people(alice, "muhammad karimi")[0] == other


def test_it_narrows_by_compatible_date_of_birth(caritas, alice):
    exact = f.person(caritas, alice, family_name="Haddad", birth_date=datetime.date(1990, 5, 17))
    placeholder = f.person(
        caritas,
        alice,
        family_name="Haddad",
        given_names="Rami",
        birth_date=datetime.date(1990, 1, 1),
        birth_date_placeholder=True,
        birth_date_precision="year",
    )
    f.person(
        caritas,
        alice,
        family_name="Haddad",
        given_names="Lina",
        birth_date=datetime.date(1985, 2, 2),
    )
    found = set(_people(alice, "haddad", birth_date=datetime.date(1990, 5, 17)))
    assert found == {exact, placeholder}


def test_it_asks_for_two_letters_and_runs_no_person_query(client, login, caritas, alice):
    f.person(caritas, alice, given_names="Amina", family_name="A")
    login(alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": " a-. "})
    assert response.status_code == 200
    assert "Enter at least 2 letters" in response.content.decode()
    assert not [q for q in queries.captured_queries if "people_person" in q["sql"]]
    assert _people(alice, "a.") == []


def test_it_answers_htmx_with_the_results_fragment(client, login, caritas, alice):
    amina = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    login(alice)
    response = client.get(SEARCH, {"q": "amina"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert _found(response, amina)
    assert "<html" not in body
    assert 'hx-swap-oob="innerHTML"' in body
    assert "HX-Request" in response["Vary"]
    full = client.get(SEARCH, {"q": "amina"}).content.decode()
    assert "<html" in full and 'hx-trigger="input changed delay:300ms' in full


def test_it_offers_registration_to_case_roles_below_the_results(client, login, caritas, alice):
    login(alice)
    body = client.get(SEARCH).content.decode()
    assert reverse("people:create") in body


def test_it_shows_birth_date_precision_and_placeholder(client, login, caritas, alice):
    f.person(
        caritas,
        alice,
        family_name="Haddad",
        birth_date=datetime.date(1990, 1, 1),
        birth_date_precision="year",
        birth_date_placeholder=True,
    )
    login(alice)
    body = client.get(SEARCH, {"q": "haddad"}).content.decode()
    assert "1990" in body and "01.01.1990" not in body
    assert "placeholder 1.1." in body


def _populate(caritas, alice, count, start=0):
    for i in range(start, start + count):
        person = f.person(caritas, alice, given_names=f"Amina{i}", family_name="Haddad")
        do_add_detail(alice, Nationality(person=person, country="SYR"))
        do_add_detail(alice, Nationality(person=person, country="IRQ"))
        do_add_detail(
            alice, NameSpelling(person=person, family_name="Hadad", kind="transliteration")
        )


def test_it_keeps_the_search_query_count_constant(
    client, login, caritas, alice, django_assert_max_num_queries
):
    _populate(caritas, alice, 2)
    login(alice)
    with CaptureQueriesContext(connection) as few:
        client.get(SEARCH, {"q": "haddad"})
    _populate(caritas, alice, 30, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(SEARCH, {"q": "haddad"})
    assert response.context["page_obj"].paginator.count == 32
    assert len(response.context["page_obj"].object_list) == 25
    assert 'rel="next" href="?q=haddad&amp;page=2"' in response.content.decode()
    assert "SYR, IRQ" in response.content.decode() or "IRQ, SYR" in response.content.decode()
    # 15 for the page (the name search: key lookup in one or two queries,
    # candidates' names, their spellings, the persons shown), 3 for auditing the
    # listed reads (lock chain head, insert, move head).
    with django_assert_max_num_queries(18):
        client.get(SEARCH, {"q": "haddad", "page": 2})


def test_it_reads_only_the_persons_of_the_page_shown(client, login, caritas, alice):
    _populate(caritas, alice, 30)
    ranked = [person.pk for person in _people(alice, "haddad")]
    assert len(ranked) == 30
    login(alice)
    with CaptureQueriesContext(connection) as page_two:
        response = client.get(SEARCH, {"q": "haddad", "page": 2})
    shown = [person.pk for person in response.context["page_obj"].object_list]
    assert shown == ranked[25:]  # the search's order, its last five
    # The persons' rows were read for the page alone, not for all thirty found.
    person_reads = [
        q["sql"]
        for q in page_two.captured_queries
        if 'FROM "people_person"' in q["sql"] and '"people_person"."registered_by_id"' in q["sql"]
    ]
    assert len(person_reads) == 1
    read = re.search(r'"people_person"\."id" IN \(([^)]*)\)', person_reads[0])
    assert read and sorted(int(pk) for pk in read.group(1).split(",")) == sorted(ranked[25:])


def test_found_persons_slice_and_index_like_the_list(caritas, alice):
    _populate(caritas, alice, 6)
    listed = _people(alice, "haddad")
    found = find_people(alice, "haddad")
    assert len(found) == len(listed) == 6
    assert found[2:5] == listed[2:5]
    assert found[0] == listed[0] and found[-1] == listed[-1]
    assert list(found) == listed
    with pytest.raises(IndexError):
        found[6]


@pytest.mark.parametrize("query", ["", "   "])
def test_it_shows_no_results_before_a_query(client, login, caritas, alice, query):
    f.person(caritas, alice)
    login(alice)
    response = client.get(SEARCH, {"q": query})
    assert response.context["page_obj"] is None
