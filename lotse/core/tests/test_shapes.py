"""A query run from its kept SQL gives the rows the ORM gives, for any ids."""

import pytest

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.core.shapes import Shape
from lotse.deadlines.forms import _ASSIGNEES, _assignees, assignee_choices
from lotse.network.models import Team
from lotse.testing import factories as f


@pytest.fixture
def office(caritas, alice, carol, drk):
    north = Team.objects.create(organisation=caritas, name="Nord")
    Team.objects.create(organisation=caritas, name="Beratung")
    Team.objects.create(organisation=drk, name="Süd")
    mate = f.staff(caritas, Role.CASE_MANAGER, username="mate", last_name="Zorn")
    f.staff(caritas, Role.CASE_MANAGER, username="stranger")  # in no team of alice's
    f.staff(caritas, Role.DPO, username="dpo")
    Membership.objects.filter(user__in=[alice, mate]).update(team=north)
    return {
        "alice_case": f.case(caritas, managers=(alice,), actor=alice),
        "mate_case": f.case(caritas, managers=(mate,), actor=mate),
        "carol_case": f.case(drk, managers=(carol,), actor=carol),
    }


def test_it_gives_the_orms_rows(office, alice, carol):
    users = [alice, carol, *User.objects.filter(username__in=["mate", "stranger", "dpo"])]
    for case in office.values():
        for user in users:
            ids = {"case_id": case.pk, "organisation_id": case.organisation_id, "user_id": user.pk}
            assert _ASSIGNEES.rows(**ids) == list(_assignees(**ids))
    choices = assignee_choices(office["alice_case"], alice)
    mate = User.objects.get(username="mate")
    assert {value for value, _label in choices[0][1]} == {f"user:{alice.pk}", f"user:{mate.pk}"}
    assert [name for _v, name in choices[1][1]] == ["Beratung", "Nord"]


def test_it_compiles_once_per_database(office, alice):
    shape = Shape(
        Team,
        lambda organisation_id: (
            Team.objects.filter(organisation_id=organisation_id)
            .order_by("name")
            .values_list("name")
        ),
        "organisation_id",
    )
    case = office["alice_case"]
    assert shape.rows(organisation_id=case.organisation_id) == [("Beratung",), ("Nord",)]
    assert list(shape._compiled) == ["default"]
    assert shape.rows(organisation_id=office["carol_case"].organisation_id) == [("Süd",)]
    assert len(shape._compiled) == 1


def test_it_refuses_an_id_the_query_does_not_take(db):
    shape = Shape(Team, lambda organisation_id: Team.objects.values_list("name"), "organisation_id")
    with pytest.raises(ValueError, match="Not every id"):
        shape.rows(organisation_id=1)
