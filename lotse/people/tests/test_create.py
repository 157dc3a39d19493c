import pytest
from django.urls import reverse

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.audit.models import AuditEntry
from lotse.people.models import LanguageSkill, NameSpelling, Nationality, Person
from lotse.testing import factories as f

CREATE = reverse("people:create")


def form_data(**overrides):
    data = {
        "given_names": "Amina",
        "family_name": "Haddad",
        "birth_date": "1990-05-17",
        "birth_date_precision": "day",
        "sex": "f",
        "birth_place": "Aleppo",
        "nationalities": "syr, IRQ",
        "spellings-TOTAL_FORMS": "3",
        "spellings-INITIAL_FORMS": "0",
        "spellings-MIN_NUM_FORMS": "0",
        "spellings-MAX_NUM_FORMS": "3",
        "spellings-0-given_names": "",
        "spellings-0-family_name": "Hadad",
        "spellings-0-kind": "transliteration",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "6",
        "languages-0-language": "ar",
        "languages-0-level": "native",
        "languages-1-language": "de",
        "languages-1-level": "A2",
    }
    data.update(overrides)
    return data


def test_it_registers_a_person_with_spellings_nationalities_and_languages(
    client, login, caritas, alice
):
    login(alice)
    response = client.post(CREATE, form_data())
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.registered_by == caritas
    assert person.created_by == alice
    assert sorted(Nationality.objects.filter(person=person).values_list("country", flat=True)) == [
        "IRQ",
        "SYR",
    ]
    assert NameSpelling.objects.get(person=person).family_name == "Hadad"
    assert set(LanguageSkill.objects.filter(person=person).values_list("language", "level")) == {
        ("ar", "native"),
        ("de", "A2"),
    }
    created = AuditEntry.objects.filter(person_id=person.pk, action="create")
    assert created.count() == 1 + 1 + 2 + 2


def test_it_stores_a_placeholder_birth_date_as_year_only(client, login, caritas, alice):
    login(alice)
    client.post(
        CREATE,
        form_data(birth_date="1990-01-01", birth_date_placeholder="on", nationalities=""),
    )
    person = Person.objects.get()
    assert person.birth_date_placeholder
    assert person.birth_date_precision == "year"


def test_it_warns_of_likely_duplicates_and_needs_confirmation(client, login, caritas, alice):
    existing = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    login(alice)
    response = client.post(CREATE, form_data(**{"given_names": "Amina Fatima"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("people:detail", args=[existing.pk]) in body
    assert "confirm_new" in response.context["form"].errors
    assert Person.objects.count() == 1
    response = client.post(CREATE, form_data(given_names="Amina Fatima", confirm_new="on"))
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_it_does_not_warn_about_persons_the_user_cannot_see(client, login, drk, carol, alice):
    f.person(drk, carol, given_names="Amina", family_name="Haddad")
    login(alice)
    response = client.post(CREATE, form_data())
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nationalities": "SYR, Syria"}, "nationalities"),
        ({"birth_date": "", "birth_date_placeholder": "on"}, "birth_date_placeholder"),
        ({"birth_date": "1990-05-17", "birth_date_placeholder": "on"}, "birth_date_placeholder"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"family_name": ""}, "family_name"),
    ],
)
def test_it_rejects_bad_identity_input_and_saves_nothing(
    client, login, caritas, alice, overrides, field
):
    login(alice)
    before = AuditEntry.objects.count()
    response = client.post(CREATE, form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert Person.objects.count() == 0
    assert AuditEntry.objects.count() == before


def test_it_rejects_bad_spellings_and_languages_and_saves_nothing(client, login, caritas, alice):
    login(alice)
    response = client.post(
        CREATE,
        form_data(
            **{
                "spellings-0-kind": "",
                "languages-1-language": "ar",
                "languages-1-level": "B1",
            }
        ),
    )
    assert response.status_code == 200
    assert "kind" in response.context["spellings"].forms[0].errors
    assert "language" in response.context["languages"].forms[1].errors
    assert Person.objects.count() == 0


def test_it_refuses_registration_to_roles_without_case_work(client, login, caritas, dora):
    login(dora)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403
    assert Person.objects.count() == 0


def test_it_lets_staff_of_several_organisations_choose_theirs_only(
    client, login, caritas, drk, jobcentre, alice
):
    Membership.objects.create(user=alice, organisation=drk, role=Role.CASE_MANAGER)
    login(alice)
    assert "organisation" in client.get(CREATE).context["form"].fields
    response = client.post(CREATE, form_data(organisation=jobcentre.pk))
    assert "organisation" in response.context["form"].errors
    assert Person.objects.count() == 0
    client.post(CREATE, form_data(organisation=drk.pk))
    assert Person.objects.get().registered_by == drk
