"""visible_person_ids: the SQL a query asks once per person gives the persons that
Person.objects.visible_to gives, for every kind of user and category."""

import pytest
from django.db import connection

from lotse.access.visibility import visible_person_ids
from lotse.core.categories import ALL_CATEGORIES, DataCategory
from lotse.people.models import Person
from lotse.testing import factories as f


def _ids(user, category: str) -> set[int] | None:
    answer = visible_person_ids(user, category, using="default")
    if answer is None:
        return None
    sql, params = answer
    if not sql:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def world(caritas, jobcentre, drk, alice, bob, carol):
    own = f.case(caritas, managers=(alice,), actor=alice)
    shared = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(shared, jobcentre, alice)
    f.consent(shared, [jobcentre], ("identity", "residence"), actor=alice)
    f.case(drk, managers=(carol,), actor=carol)
    return own, shared


@pytest.mark.parametrize("category", sorted(ALL_CATEGORIES))
def test_it_names_the_persons_visible_to_gives(world, alice, bob, carol, dora, category):
    for user in (alice, bob, carol, dora):
        wanted = set(
            Person.objects.visible_to(user, category=category).values_list("pk", flat=True)
        )
        assert _ids(user, category) == wanted, (user.username, category)
    assert _ids(bob, DataCategory.RESIDENCE) == {world[1].person_id}


def test_the_operator_sees_every_identity_and_an_inactive_user_none(world, alice):
    operator = f.UserFactory(username="otto", is_superuser=True, is_staff=True)
    assert _ids(operator, DataCategory.IDENTITY) is None
    assert Person.objects.visible_to(operator, category=DataCategory.IDENTITY).count() == 3
    alice.is_active = False
    assert _ids(alice, DataCategory.IDENTITY) == set()
