"""User.case_organisation_ids and organisations_with_role are memoised on the
user object, keyed by the memberships they were computed from (role_pairs)."""

import pytest

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.testing import factories as f


@pytest.fixture
def alice(caritas):
    return User.objects.get(pk=f.staff(caritas, Role.CASE_MANAGER, username="alice").pk)


def test_it_computes_once_per_memberships_read(alice, caritas):
    first = alice._organisations_with_role(frozenset({Role.CASE_MANAGER}))
    assert first == (caritas.pk,)
    assert alice._organisations_with_role(frozenset({Role.CASE_MANAGER})) is first
    assert alice.case_organisation_ids == [caritas.pk]


def test_a_caller_changing_the_list_changes_no_later_answer(alice, caritas):
    ids = alice.case_organisation_ids
    ids.append(999)
    ids.clear()
    assert alice.case_organisation_ids == [caritas.pk]
    assert alice.organisations_with_role({Role.CASE_MANAGER}) == [caritas.pk]


def test_it_follows_memberships_read_anew(alice, caritas, jobcentre, drk):
    assert alice.case_organisation_ids == [caritas.pk]
    Membership.objects.create(user=alice, organisation=drk, role=Role.OFFICE_STAFF)
    Membership.objects.create(user=alice, organisation=jobcentre, role=Role.DPO)
    # Within a request the memberships are read once (role_pairs), and the memo with them.
    assert alice.case_organisation_ids == [caritas.pk]
    alice.__dict__.pop("role_pairs")  # what a new request's user object does
    assert alice.case_organisation_ids == sorted([caritas.pk, drk.pk])
    assert alice.organisations_with_role({Role.DPO}) == [jobcentre.pk]
    Membership.objects.filter(user=alice, organisation=caritas).delete()
    alice.__dict__.pop("role_pairs")
    assert alice.case_organisation_ids == [drk.pk]
    # A user object loaded anew shares nothing with this one.
    assert User.objects.get(pk=alice.pk).case_organisation_ids == [drk.pk]


def test_each_set_of_roles_has_its_own_answer(alice, caritas, drk):
    Membership.objects.create(user=alice, organisation=drk, role=Role.DPO)
    alice = User.objects.get(pk=alice.pk)
    assert alice.organisations_with_role({Role.DPO}) == [drk.pk]
    assert alice.case_organisation_ids == [caritas.pk]
    assert alice.organisations_with_role({Role.DPO, Role.CASE_MANAGER}) == sorted(
        [caritas.pk, drk.pk]
    )
    assert alice.organisations_with_role(set()) == []


@pytest.mark.parametrize(
    ("first", "last"), [("Anna", "Weber"), ("", "Weber"), ("Anna", ""), ("", ""), (" ", " ")]
)
def test_display_of_the_columns_is_display_of_the_user(first, last):
    user = User(username="a.weber", first_name=first, last_name=last)
    assert User.display_of(first, last, "a.weber") == user.display()
