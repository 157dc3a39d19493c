"""Persons through the API: search, register, change; bad input changes nothing."""

from lotse.audit.models import AuditEntry
from lotse.people.models import NameSpelling, Person
from lotse.testing import factories as f


def test_it_lists_persons_with_names_only_where_identity_is_released(
    world, caritas, jobcentre, alice, bob, api
):
    other = f.person(caritas, alice, given_names="Oleksandr", family_name="Bondarenko")
    other_case = f.case(caritas, other, managers=(alice,), actor=alice)
    f.participant(other_case, jobcentre, alice)
    f.consent(other_case, [jobcentre], ("residence",), actor=alice)
    rows = api(bob).get("people/").json()["results"]
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {world["person"].pk, other.pk}
    assert by_id[world["person"].pk]["family_name"] == "Haddad"
    assert "family_name" not in by_id[other.pk]
    assert by_id[other.pk]["withheld_categories"] == ["identity"]


def test_it_searches_names_and_spellings(world, caritas, alice, api):
    f.person(caritas, alice, given_names="Oleksandr", family_name="Bondarenko")
    client = api(alice)
    assert [r["family_name"] for r in client.get("people/", {"q": "bondar"}).json()["results"]] == [
        "Bondarenko"
    ]
    # "Hadad" is a recorded spelling of Haddad.
    assert [r["id"] for r in client.get("people/", {"q": "hadad amena"}).json()["results"]] == [
        world["person"].pk
    ]
    assert client.get("people/", {"q": "Nobody"}).json()["count"] == 0


def test_it_does_not_find_persons_by_a_withheld_name(world, caritas, jobcentre, alice, bob, api):
    other = f.person(caritas, alice, given_names="Oleksandr", family_name="Bondarenko")
    other_case = f.case(caritas, other, managers=(alice,), actor=alice)
    f.participant(other_case, jobcentre, alice)
    f.consent(other_case, [jobcentre], ("residence",), actor=alice)
    assert api(bob).get("people/", {"q": "Bondarenko"}).json()["count"] == 0
    assert api(bob).get("people/", {"q": "Haddad"}).json()["count"] == 1


def test_it_registers_a_person_with_spellings(caritas, alice, api):
    answer = api(alice).post(
        "people/",
        {
            "given_names": "Mohammed",
            "family_name": "Ahmadi",
            "birth_date": "1995-01-01",
            "birth_date_placeholder": True,
            "spellings": [{"given_names": "Muhammad", "family_name": "Ahmady", "kind": "alias"}],
        },
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    person = Person.objects.get(pk=body["id"])
    assert person.registered_by == caritas
    assert [s["family_name"] for s in body["spellings"]] == ["Ahmady"]
    assert body["withheld_categories"] == []


def test_it_refuses_a_bad_person_and_saves_nothing(alice, caritas, api):
    before = (Person.objects.count(), NameSpelling.objects.count(), AuditEntry.objects.count())
    client = api(alice)
    missing = client.post("people/", {"given_names": "Ali"})
    assert missing.status_code == 400
    assert "family_name" in missing.json()
    # The model's rule (a placeholder needs a date) comes back as a 400, not a 500.
    placeholder = client.post(
        "people/", {"given_names": "Ali", "family_name": "Rahimi", "birth_date_placeholder": True}
    )
    assert placeholder.status_code == 400
    assert list(placeholder.json()) == ["birth_date"]
    empty_spelling = client.post(
        "people/",
        {"given_names": "Ali", "family_name": "Rahimi", "spellings": [{"kind": "alias"}]},
    )
    assert empty_spelling.status_code == 400
    assert "spellings" in empty_spelling.json()
    assert before == (
        Person.objects.count(),
        NameSpelling.objects.count(),
        AuditEntry.objects.count(),
    )


def test_it_refuses_registration_to_users_without_case_work(caritas, dora, api):
    assert api(dora).post("people/", {"given_names": "A", "family_name": "B"}).status_code == 403


def test_it_asks_which_organisation_when_the_user_works_for_several(caritas, drk, alice, api):
    from lotse.accounts.choices import Role
    from lotse.accounts.models import Membership

    Membership.objects.create(user=alice, organisation=drk, role=Role.CASE_MANAGER)
    client = api(alice)
    answer = client.post("people/", {"given_names": "A", "family_name": "B"})
    assert answer.status_code == 400
    assert "organisation" in answer.json()
    chosen = client.post(
        "people/", {"given_names": "A", "family_name": "B", "organisation": drk.pk}
    )
    assert chosen.status_code == 201
    assert chosen.json()["registered_by"]["id"] == drk.pk


def test_it_changes_identity_fields_through_the_action(world, alice, api):
    person = world["person"]
    answer = api(alice).patch(f"people/{person.pk}/", {"birth_place": "Aleppo"})
    assert answer.status_code == 200
    assert answer.json()["birth_place"] == "Aleppo"
    person.refresh_from_db()
    assert person.birth_place == "Aleppo"
    entry = AuditEntry.objects.filter(object_type="people.person", action="update").get()
    assert entry.changes["birth_place"] == ["", "Aleppo"]


def test_it_refuses_a_change_that_breaks_a_model_rule(world, alice, api):
    client = api(alice)
    url = f"people/{world['person'].pk}/"
    assert client.patch(url, {"birth_date_placeholder": True}).status_code == 200
    answer = client.patch(url, {"birth_date": None})
    assert answer.status_code == 400
    assert list(answer.json()) == ["birth_date"]
    world["person"].refresh_from_db()
    assert world["person"].birth_date is not None


def test_it_refuses_a_bad_change(world, alice, api):
    answer = api(alice).patch(f"people/{world['person'].pk}/", {"sex": "q", "family_name": ""})
    assert answer.status_code == 400
    assert set(answer.json()) == {"sex", "family_name"}
    world["person"].refresh_from_db()
    assert world["person"].family_name == "Haddad"
