"""Generated: every personal-data model × every role × organisation relation × consent state."""

import pytest

from lotse.access.models import Consent
from lotse.access.visibility import Action, categories_for
from lotse.access.visibility import may_change as may_change_fn
from lotse.cases.models import Case
from lotse.people.models import Address, ContactDetail, NameSpelling, Person
from lotse.testing import matrix as m

PERSON_DETAIL_MODELS = [(Address, "contact"), (ContactDetail, "contact")]


@pytest.fixture(params=m.CONSENT_STATES)
def world(request, db):
    return m.build_world(request.param)


def test_it_gives_each_user_exactly_the_reference_categories(world):
    for role, rel, user in world.all_users():
        expected = m.expected_categories(role, rel, world.state)
        got = set(categories_for(user, world.person.pk))
        assert got == expected, (role, rel, world.state)
        got_case = set(categories_for(user, world.person.pk, world.case.pk))
        assert got_case == (
            expected
            if m.sees_case(role, rel, world.state) or role in ("operator", "dpo")
            else set()
        ), (role, rel)


def test_it_lists_persons_and_cases_per_reference_model(world):
    for role, rel, user in world.all_users():
        persons = set(Person.objects.visible_to(user).values_list("id", flat=True))
        audit = set(Person.objects.visible_to(user, Action.AUDIT).values_list("id", flat=True))
        expected_persons = set()
        if m.sees_case(role, rel, world.state) or role == "operator":
            expected_persons.add(world.person.pk)
        if role == "operator":
            expected_persons.add(world.other_person.pk)
        if role in m.CASE_WORK and rel == "outsider":
            expected_persons.add(world.other_person.pk)  # registered by the outsider org
        assert persons == expected_persons, (role, rel, world.state)
        expected_audit = {world.person.pk} if role == "dpo" and rel == "owner" else set()
        if role == "dpo" and rel == "outsider":
            expected_audit = {world.other_person.pk}
        assert audit == expected_audit, (role, rel, world.state)
        cases = set(Case.objects.visible_to(user).values_list("id", flat=True))
        assert cases == ({world.case.pk} if m.sees_case(role, rel, world.state) else set()), (
            role,
            rel,
            world.state,
        )


def test_it_shows_detail_rows_only_with_their_category(world):
    for role, rel, user in world.all_users():
        cats = m.expected_categories(role, rel, world.state)
        for model, category in PERSON_DETAIL_MODELS:
            rows = model.objects.visible_to(user).filter(person=world.person)
            can = category in cats and role != "operator"
            assert rows.exists() == can, (model.__name__, role, rel, world.state)
        spellings = NameSpelling.objects.visible_to(user).filter(person=world.person)
        # Spellings exist only if created; visibility query must at least not fail.
        assert spellings.count() == 0


def test_it_lets_only_owner_case_staff_change(world):
    for role, rel, user in world.all_users():
        expected = m.may_change(role, rel)
        assert may_change_fn(user, world.person.pk, world.case.pk) == expected, (role, rel)
        changeable = Person.objects.visible_to(user, Action.CHANGE).filter(pk=world.person.pk)
        assert changeable.exists() == expected, (role, rel)


def test_it_shows_consents_only_to_owner_staff(world):
    if world.consent is None:
        return
    for role, rel, user in world.all_users():
        visible = Consent.objects.visible_to(user).filter(pk=world.consent.pk).exists()
        assert visible == (role in m.CASE_WORK and rel == "owner"), (role, rel, world.state)
