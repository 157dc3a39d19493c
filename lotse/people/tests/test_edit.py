import datetime

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.people.models import Address, Nationality, OfficeIdentifier, Person


def identity(**overrides):
    data = {
        "given_names": "Amina",
        "family_name": "Haddad-Nasser",
        "birth_date": "1990-05-17",
        "birth_date_precision": "day",
        "sex": "f",
        "birth_place": "Aleppo",
    }
    data.update(overrides)
    return data


def test_it_lets_the_owner_edit_the_identity(client, login, shared_case, alice):
    login(alice)
    url = reverse("people:edit", args=[shared_case.person_id])
    assert client.get(url).status_code == 200
    response = client.post(url, identity())
    assert response.status_code == 302
    person = Person.objects.get(pk=shared_case.person_id)
    assert (person.family_name, person.birth_place) == ("Haddad-Nasser", "Aleppo")
    change = AuditEntry.objects.filter(person_id=person.pk, action="update").latest("id")
    assert "family_name" in change.changes


def test_it_rejects_invalid_identity_and_changes_nothing(client, login, shared_case, alice):
    login(alice)
    url = reverse("people:edit", args=[shared_case.person_id])
    before = AuditEntry.objects.filter(action="update").count()
    response = client.post(url, identity(birth_date="2999-01-01", family_name=""))
    assert response.status_code == 200
    assert {"birth_date", "family_name"} <= set(response.context["form"].errors)
    assert Person.objects.get(pk=shared_case.person_id).family_name == "Haddad"
    assert AuditEntry.objects.filter(action="update").count() == before
    assert "Haddad, Amina" in response.content.decode()


@pytest.mark.parametrize("user", ["bob", "carol", "dora", "operator"])
def test_it_refuses_changes_to_everyone_but_the_owner(client, login, shared_case, request, user):
    login(request.getfixturevalue(user))
    pk = shared_case.person_id
    address = Address.objects.get(person_id=pk)
    assert client.get(reverse("people:edit", args=[pk])).status_code == 404
    assert client.post(reverse("people:edit", args=[pk]), identity()).status_code == 404
    add = reverse("people:add_detail", args=[pk, "nationality"])
    assert client.post(add, {"country": "SYR"}).status_code == 404
    remove = reverse("people:remove_detail", args=[pk, "address", address.pk])
    assert client.post(remove).status_code == 404
    assert Address.objects.filter(pk=address.pk).exists()
    assert not Nationality.objects.exists()


def test_it_adds_and_removes_details(client, login, shared_case, alice, jobcentre):
    login(alice)
    pk = shared_case.person_id
    response = client.post(
        reverse("people:add_detail", args=[pk, "address"]),
        {"street": "Neue Str. 2", "place": "Musterstadt", "valid_from": "2024-01-01"},
    )
    assert response.status_code == 302
    new = Address.objects.get(street="Neue Str. 2")
    client.post(
        reverse("people:add_detail", args=[pk, "identifier"]),
        {"kind": "jobcentre_customer", "value": "123D456789", "issued_by": jobcentre.pk},
    )
    assert OfficeIdentifier.objects.get(person_id=pk).issued_by == jobcentre
    response = client.post(reverse("people:remove_detail", args=[pk, "address", new.pk]))
    assert response.status_code == 302
    assert not Address.objects.filter(pk=new.pk).exists()
    assert AuditEntry.objects.filter(object_type="people.address", action="delete").count() == 1


def test_it_refuses_to_remove_a_detail_of_another_person(
    client, login, shared_case, alice, caritas
):
    from lotse.testing import factories as f

    other = f.person(caritas, alice, family_name="Karimi")
    login(alice)
    address = Address.objects.get(person_id=shared_case.person_id)
    response = client.post(reverse("people:remove_detail", args=[other.pk, "address", address.pk]))
    assert response.status_code == 404
    assert (
        client.get(
            reverse("people:remove_detail", args=[shared_case.person_id, "address", address.pk])
        ).status_code
        == 405
    )
    assert (
        client.get(reverse("people:add_detail", args=[shared_case.person_id, "pets"])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        (
            "address",
            {"street": "A", "place": "B", "valid_from": "2024-02-01", "valid_until": "2024-01-01"},
            None,
        ),
        ("address", {"street": "", "place": "B", "valid_from": "2024-02-01"}, "street"),
        ("nationality", {"country": "Syria"}, "country"),
        ("nationality", {"country": "syr"}, None),  # already recorded below
        ("language", {"language": "Arabic", "level": "A1"}, "language"),
        ("contact", {"kind": "fax", "value": "1"}, "kind"),
    ],
)
def test_it_shows_field_errors_for_bad_details_and_saves_nothing(
    client, login, shared_case, alice, kind, data, field
):
    pk = shared_case.person_id
    Nationality.objects.create(person_id=pk, country="SYR")
    login(alice)
    counts = (
        Address.objects.count(),
        Nationality.objects.count(),
        AuditEntry.objects.filter(action="create").count(),
    )
    response = client.post(reverse("people:add_detail", args=[pk, kind]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (field in errors) if field else ("__all__" in errors)
    assert counts == (
        Address.objects.count(),
        Nationality.objects.count(),
        AuditEntry.objects.filter(action="create").count(),
    )


def test_it_keeps_placeholder_dates_consistent(client, login, shared_case, alice):
    login(alice)
    url = reverse("people:edit", args=[shared_case.person_id])
    client.post(url, identity(birth_date="1990-01-01", birth_date_placeholder="on"))
    person = Person.objects.get(pk=shared_case.person_id)
    assert person.birth_date == datetime.date(1990, 1, 1)
    assert person.birth_date_precision == "year" and person.birth_date_placeholder
