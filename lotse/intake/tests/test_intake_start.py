"""Intake starts from a search: likely persons first, 'new person' only after searching."""

import pytest
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.people.models import Person
from lotse.testing import factories as f


def test_it_lists_likely_persons_before_offering_a_new_one(amina, alice, login):
    response = login(alice).get(reverse("intake:start"), {"q": "Amina Haddad"})
    content = response.content.decode()
    assert response.context["results"] == [(amina, True)]
    assert content.index("Amina") < content.index('id="intake-new-person"')
    assert reverse("intake:record", args=[amina.pk]) in content
    read = AuditEntry.objects.filter(action=AuditAction.READ, person_id=amina.pk).latest("id")
    assert set(read.categories) == {"identity"}


def test_it_offers_no_new_person_before_a_search(alice, login):
    content = login(alice).get(reverse("intake:start")).content.decode()
    assert 'id="intake-new-person"' not in content


def test_it_finds_swapped_names(amina, alice, login):
    response = login(alice).get(reverse("intake:start"), {"q": "Haddad Amina"})
    assert [p for p, _ok in response.context["results"]] == [amina]


def test_it_shows_a_person_kept_elsewhere_without_the_intake_link(
    caritas, jobcentre, alice, bob, login
):
    person = f.person(caritas, alice, family_name="Rahimi", given_names="Omid")
    case = f.case(caritas, person, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity",), actor=alice)
    response = login(bob).get(reverse("intake:start"), {"q": "Rahimi"})
    assert response.context["results"] == [(person, False)]
    assert reverse("intake:record", args=[person.pk]) not in response.content.decode()


def test_it_hides_persons_the_user_may_not_see(amina, carol, login):
    response = login(carol).get(reverse("intake:start"), {"q": "Haddad"})
    assert response.context["results"] == []


@pytest.mark.parametrize("user", ["dora"])
def test_it_refuses_roles_without_case_work(user, request, login):
    response = login(request.getfixturevalue(user)).get(reverse("intake:start"))
    assert response.status_code == 403


def test_it_sends_a_new_person_form_without_search_back_to_the_search(alice, login):
    response = login(alice).get(reverse("intake:new_person"))
    assert response.status_code == 302
    assert response.url == reverse("intake:start")


def test_it_prefills_the_new_person_from_the_search(alice, login):
    response = login(alice).get(
        reverse("intake:new_person"), {"q": "Layla Noor Qasim", "birth_date": "1994-02-03"}
    )
    form = response.context["form"]
    assert form.initial["given_names"] == "Layla Noor"
    assert form.initial["family_name"] == "Qasim"


def test_it_asks_to_confirm_a_new_person_when_someone_similar_exists(amina, alice, login):
    client = login(alice)
    url = reverse("intake:new_person") + "?q=Amina+Hadad"
    data = {
        "given_names": "Amina",
        "family_name": "Haddad",
        "birth_date": "1990-05-17",
        "birth_date_precision": "day",
        "sex": "f",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["candidates"] == [amina]
    assert Person.objects.count() == 1
    response = client.post(url, {**data, "confirm_new": "on"})
    created = Person.objects.exclude(pk=amina.pk).get()
    assert response.url == reverse("intake:record", args=[created.pk])


def test_it_registers_a_new_person_and_continues_with_the_intake(alice, login):
    response = login(alice).post(
        reverse("intake:new_person") + "?q=Olena+Kovalenko",
        {
            "given_names": "Olena",
            "family_name": "Kovalenko",
            "birth_date": "",
            "birth_date_precision": "unknown",
            "sex": "f",
            "nationalities": "UKR",
        },
    )
    person = Person.objects.get(family_name="Kovalenko")
    assert response.url == reverse("intake:record", args=[person.pk])
    assert list(person.nationalities.values_list("country", flat=True)) == ["UKR"]
