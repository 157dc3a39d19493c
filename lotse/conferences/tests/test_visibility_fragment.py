"""ConferenceQuerySet.visible_to written as SQL fragments sees what the ORM spelling saw.

The conference visibility (a grant for the conference's case holding its
category, an organisation taking part, every further case's release covering
the reader) was built from ORM subqueries; it is now one fragment (`_Shown`)
and the case filter another (`_OfCase`), to spare the case page some 3,000
Python calls. `orm_visible` below is the ORM spelling as it stood before: every
user, action, category and case must give the same conferences from both.
"""

from typing import Any

import pytest
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.access.visibility import Action, RowCategoryBit, held_for_rows
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.conferences.choices import ParticipantKind
from lotse.conferences.models import CaseConference, ConferenceCase, ConferenceParticipant
from lotse.conferences.models.conference import shown_to
from lotse.core.categories import DataCategory
from lotse.testing import factories as f


def orm_visible(user: Any, action: Action, category: str | None, case: Any) -> set[int]:
    """The ORM spelling of ConferenceQuerySet.visible_to before the fragments."""
    rows = CaseConference.objects.all()
    if case is not None:
        further = ConferenceCase.objects.filter(case_id=case.pk).values("conference_id")
        rows = rows.filter(Q(case_id=case.pk) | Q(pk__in=further))
    organisations = user.case_organisation_ids
    if action == Action.AUDIT or not organisations:
        return set()
    wanted = [category] if category is not None else [c.value for c in DataCategory]
    row_bit = RowCategoryBit("data_category", wanted)
    held = held_for_rows(user, action, row_bit, using="default")
    further_uncovered = ConferenceCase.objects.filter(conference_id=OuterRef("pk")).exclude(
        held_for_rows(user, action, OuterRef("_category_bit"), using="default")
    )
    taking_part = ConferenceParticipant.objects.filter(organisation_id__in=organisations).values(
        "conference_id"
    )
    return set(
        rows.alias(_category_bit=row_bit)
        .filter(held, pk__in=taking_part)
        .exclude(Exists(further_uncovered))
        .values_list("pk", flat=True)
    )


def fragment_visible(user: Any, action: Action, category: str | None, case: Any) -> set[int]:
    return set(
        CaseConference.objects.visible_to(user, action, category=category, case=case).values_list(
            "pk", flat=True
        )
    )


@pytest.fixture
def conferences(schedule, family_case, jobcentre, drk, youth_office):
    """A plain conference; a family's; a family's about residence data, which
    Karim did not release to the job centre (Amina did); one about unreleased
    health data; one the youth office (no release at all) takes part in. The
    action refuses the last three, so they are changed afterwards."""
    made = {
        "plain": schedule(organisations=[jobcentre, drk]),
        "family": schedule(organisations=[jobcentre], further_cases=[family_case]),
        "family_residence": schedule(organisations=[jobcentre], further_cases=[family_case]),
        "health": schedule(organisations=[jobcentre, drk]),
        "youth": schedule(organisations=[jobcentre]),
    }
    CaseConference.objects.filter(pk=made["family_residence"].pk).update(
        data_category=DataCategory.RESIDENCE
    )
    CaseConference.objects.filter(pk=made["health"].pk).update(data_category=DataCategory.HEALTH)
    ConferenceParticipant.objects.create(
        conference=made["youth"], organisation=youth_office, kind=ParticipantKind.ORGANISATION
    )
    return made


CATEGORIES = (DataCategory.EDUCATION_WORK, DataCategory.RESIDENCE, DataCategory.HEALTH)


def _fresh(user: Any) -> Any:
    return User.objects.get(pk=user.pk)


def _compare(users: list[Any], cases: list[Any]) -> list[set[int]]:
    seen = []
    for user in users:
        for action in (Action.VIEW, Action.CHANGE, Action.AUDIT):
            for category in (None, *CATEGORIES):
                for case in (None, *cases):
                    expected = orm_visible(_fresh(user), action, category, case)
                    got = fragment_visible(_fresh(user), action, category, case)
                    where = (user.username, action, category, case and case.pk)
                    assert got == expected, where
                    seen.append(got)
    return seen


def test_every_user_action_category_and_case_sees_what_the_orm_spelling_saw(
    conferences, conference_case, family_case, alice, bob, carol, yusuf, cody, drk
):
    other = f.case(drk, managers=(carol,), actor=carol)
    seen = _compare([alice, bob, carol, yusuf, cody], [conference_case, family_case, other])
    # Not vacuous: the job centre reads the family's conference (both releases
    # name it), DRK does not (Karim released nothing to DRK), the owner reads all.
    assert fragment_visible(bob, Action.VIEW, None, family_case) == {conferences["family"].pk}
    assert fragment_visible(bob, Action.VIEW, None, conference_case) == {
        conferences["plain"].pk,
        conferences["family"].pk,
        conferences["youth"].pk,
    }
    assert fragment_visible(yusuf, Action.VIEW, None, None) == set()
    assert conferences["family"].pk not in fragment_visible(carol, Action.VIEW, None, None)
    assert conferences["plain"].pk in fragment_visible(carol, Action.VIEW, None, None)
    assert fragment_visible(alice, Action.CHANGE, None, conference_case) == {
        c.pk for c in conferences.values()
    }
    assert any(seen) and not all(seen)


def test_a_withdrawn_release_of_a_further_case_hides_it_alike(
    conferences, conference_case, family_case, alice, bob, carol
):
    do_withdraw_consent(alice, family_case.person.consents.get(), withdrawn_on=timezone.localdate())
    _compare([alice, bob, carol], [conference_case, family_case])
    assert conferences["family"].pk not in fragment_visible(bob, Action.VIEW, None, None)
    assert conferences["plain"].pk in fragment_visible(bob, Action.VIEW, None, None)


def test_a_user_of_two_organisations_sees_what_the_orm_spelling_saw(
    conferences, conference_case, family_case, jobcentre, drk
):
    both = f.staff(jobcentre, Role.CASE_MANAGER, username="both")
    Membership.objects.create(user=both, organisation=drk, role=Role.OFFICE_STAFF)
    _compare([both], [conference_case, family_case])


# --- No organisation: _HeldIn's EmptyResultSet, also under a negation ---------


def test_without_organisations_the_further_cases_check_narrows_never_widens(
    conferences, conference_case, family_case, cody
):
    """cody (a coordinator) holds no case organisation, so no grant can match:
    held_for_rows raises EmptyResultSet when compiled. In the family conference's
    "further cases" check it stands negated; that must read as "no further case is
    covered", hiding the conference, never as "every further case is covered"."""
    cody = _fresh(cody)
    assert cody.case_organisation_ids == []
    family = conferences["family"]
    bit = RowCategoryBit("data_category")
    # Negated: every further case is uncovered (none is held) ...
    uncovered = ConferenceCase.objects.filter(conference=family).exclude(
        held_for_rows(cody, Action.VIEW, None, using="default")
    )
    assert list(uncovered.values_list("case_id", flat=True)) == [family_case.pk]
    # ... so the conference with further cases is excluded, as the ORM spelling said.
    with_further = CaseConference.objects.alias(_category_bit=bit).exclude(
        Exists(
            ConferenceCase.objects.filter(conference_id=OuterRef("pk")).exclude(
                held_for_rows(cody, Action.VIEW, OuterRef("_category_bit"), using="default")
            )
        )
    )
    assert family.pk not in set(with_further.values_list("pk", flat=True))
    # The fragment with cody's checks and an organisation that does take part
    # (past visible_to's early answer): nothing, and everything under a negation.
    taking_part = list(family.participants.values_list("organisation_id", flat=True))
    shown = shown_to(cody, Action.VIEW, None, taking_part, using="default")
    assert not CaseConference.objects.filter(shown).exists()
    assert CaseConference.objects.exclude(shown).count() == CaseConference.objects.count()
    for case in (None, conference_case, family_case):
        assert fragment_visible(cody, Action.VIEW, None, case) == set()
        assert fragment_visible(cody, Action.CHANGE, None, case) == set()
