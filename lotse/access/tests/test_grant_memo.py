"""The per-request reuse of grant querysets, and access_to() on the case and person pages.

grants_for() keeps the querysets it built on the user object; a reused one must
be the query a fresh build gives, must never carry rows from an earlier read,
and must follow a change of memberships or of the day. access_to() must answer
exactly what categories_for() and may_change() answer.
"""

import datetime

import pytest
from django.utils import timezone

from lotse.access.models import AccessGrant
from lotse.access.visibility import (
    _MEMO_ATTRIBUTE,
    Action,
    _compiled_grants,
    access_to,
    categories_for,
    grants_for,
    held_for_rows,
    may_change,
)
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.cases.models import Case
from lotse.testing import factories as f
from lotse.testing import matrix as m


@pytest.fixture(params=m.CONSENT_STATES)
def world(request, db):
    return m.build_world(request.param)


def _fresh(user):
    """The same account as a new request loads it: nothing cached on the object."""
    return User.objects.get(pk=user.pk)


def test_a_reused_queryset_is_the_fresh_query_and_carries_no_rows(world):
    manager = world.users[("case_manager", "owner")]
    first = grants_for(manager, Action.VIEW, category="health", case=world.case)
    rows = list(first.values_list("pk", flat=True))
    again = grants_for(manager, Action.VIEW, category="health", case=world.case)
    assert again is not first
    assert str(again.query) == str(
        grants_for(_fresh(manager), Action.VIEW, category="health", case=world.case).query
    )
    # Rows are read anew: a grant gone since the first read is gone from the second.
    AccessGrant.objects.filter(pk__in=rows).delete()
    assert list(again.values_list("pk", flat=True)) == []


def test_evaluating_a_handed_out_queryset_leaves_the_next_one_unread(world):
    manager = world.users[("case_manager", "owner")]
    evaluated = grants_for(manager, Action.CHANGE, case=world.case)
    assert list(evaluated)  # the owner holds a grant for its case
    AccessGrant.objects.filter(case=world.case).delete()
    assert list(grants_for(manager, Action.CHANGE, case=world.case)) == []


def test_it_follows_a_new_day_and_new_memberships(world):
    manager = world.users[("case_manager", "owner")]
    today = grants_for(manager, Action.VIEW)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
        assert tomorrow.isoformat() in str(grants_for(manager, Action.VIEW).query)
    assert str(grants_for(manager, Action.VIEW).query) == str(today.query)
    # A new request reads the memberships anew (User.role_pairs); the grants follow.
    Membership.objects.filter(user=manager).delete()
    manager.__dict__.pop("role_pairs", None)
    assert list(grants_for(manager, Action.VIEW)) == []


def test_the_dpo_audit_scope_is_kept_apart_from_case_work(world):
    owner = world.orgs["owner"]
    both = f.staff(owner, Role.CASE_MANAGER, username="both")
    Membership.objects.create(user=both, organisation=owner, role=Role.DPO)
    both = _fresh(both)
    for action in (Action.VIEW, Action.AUDIT, Action.VIEW, Action.AUDIT):
        for case in (None, world.case):
            got = grants_for(both, action, case=case)
            fresh = grants_for(_fresh(both), action, case=case)
            assert str(got.query) == str(fresh.query), (action, case)
            assert set(got.values_list("pk", flat=True)) == set(fresh.values_list("pk", flat=True))
    # The audit scope ignores the validity dates, case work does not.
    assert str(grants_for(both, Action.AUDIT).query) != str(grants_for(both, Action.VIEW).query)


def test_access_to_answers_what_categories_for_and_may_change_answer(world):
    users = world.all_users()
    seen_change = seen_read = False
    for role, rel, user in users:
        for case_id in (world.case.pk, None):
            person_id = world.case.person_id
            expected = (
                categories_for(_fresh(user), person_id, case_id),
                may_change(_fresh(user), person_id, case_id),
            )
            assert access_to(_fresh(user), person_id, case_id) == expected, (
                role,
                rel,
                world.state,
                case_id,
            )
            seen_change |= expected[1]
            seen_read |= bool(expected[0])
    assert seen_read
    if world.state == "given":
        assert seen_change


def test_compiled_grants_live_in_the_same_memo_and_follow_memberships_and_day(world):
    """held_for_rows' compiled grant SQL is kept beside the queryset it came from,
    under the same key: a reused one is what a fresh compile gives, and a change
    of memberships (read anew) or of the day compiles afresh."""
    manager = _fresh(world.users[("case_manager", "owner")])
    participant = world.orgs["participant"]
    case = world.case

    def compiled(user, **kwargs):
        return _compiled_grants(user, Action.VIEW, ("case_id",), using="default", **kwargs)

    first = compiled(manager, case=case)
    assert compiled(manager, case=case) is first
    assert compiled(_fresh(manager), case=case) == first
    # One memo: the entry holding the queryset holds its compiled SQL.
    memo = getattr(manager, _MEMO_ATTRIBUTE)
    assert [entry.compiled for entry in memo.values() if entry.compiled] == [
        {("default", ("case_id",)): first}
    ]
    assert participant.pk not in first[1]
    Membership.objects.create(user=manager, organisation=participant, role=Role.OFFICE_STAFF)
    assert compiled(manager, case=case) is first  # the same request: memberships read once
    manager.__dict__.pop("role_pairs", None)
    widened = compiled(manager, case=case)
    assert participant.pk in widened[1] and widened == compiled(_fresh(manager), case=case)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
        assert str(tomorrow) in [str(param) for param in compiled(manager, case=case)[1]]
    # No organisation: nothing to compile, and nothing held.
    Membership.objects.filter(user=manager).delete()
    manager.__dict__.pop("role_pairs", None)
    assert compiled(manager, case=case) == ("", ())
    held = held_for_rows(manager, Action.VIEW, None, using="default", case_column="pk")
    assert not Case.objects.filter(held).exists()
    assert Case.objects.exclude(held).count() == Case.objects.count()
