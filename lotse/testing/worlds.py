"""Generated worlds for the permission properties: plans and building them.

Hypothesis draws a plan (plain data: organisations, users with their
memberships, persons with cases, participants and consents in every state);
`build` creates it through the actions, so the grant rebuild runs as in
production, and records the same facts for lotse.testing.reference_model.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any, cast

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import strategies as st

from lotse.access.actions import do_record_consent, do_withdraw_consent
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.cases.actions import do_add_participant, do_close_case, do_open_case
from lotse.cases.choices import Programme
from lotse.cases.models import Case
from lotse.network.choices import OrganisationKind
from lotse.network.models import Organisation
from lotse.people.models import Person
from lotse.testing import factories as f
from lotse.testing import reference_model as ref

# Every family name starts with the stem, so one search finds them all.
STEM = "Zorvik"
# Same length and distinct, so no family name contains another one.
LETTERS = "abcdefgh"


def family_name(index: int) -> str:
    return f"{STEM}{LETTERS[index]}an"


# --- Plans: what Hypothesis draws, before anything touches the database ------


@dataclass(frozen=True)
class CasePlan:
    owner: int
    programme: str
    participants: tuple[int, ...]
    # How many of the participants join only after the consents were recorded.
    late: int
    closed: bool


@dataclass(frozen=True)
class ConsentPlan:
    case: int | None  # index into the person's cases; None covers all of them
    recipients: tuple[int, ...]
    categories: frozenset[str]
    given_on: datetime.date
    valid_until: datetime.date | None
    withdrawn_on: datetime.date | None


@dataclass(frozen=True)
class PersonPlan:
    registered_by: int
    cases: tuple[CasePlan, ...]
    consents: tuple[ConsentPlan, ...]


@dataclass(frozen=True)
class WorldPlan:
    kinds: tuple[str, ...]
    # One tuple of (organisation index, role) per user.
    users: tuple[tuple[tuple[int, str], ...], ...]
    # None: no operator; otherwise the operator's memberships (none or one).
    operator: tuple[tuple[int, str], ...] | None
    persons: tuple[PersonPlan, ...]


def some_of(draw: Any, items: list[int], least: int, most: int) -> tuple[int, ...]:
    # An explicit count: Hypothesis' lists lean towards empty, and small worlds
    # exercise little of the rules within CI's 25 examples.
    count = draw(st.integers(least, min(most, len(items))))
    return tuple(draw(st.permutations(items))[:count])


@st.composite
def consent_plans(draw: Any, n_orgs: int, n_cases: int) -> ConsentPlan:
    today = timezone.localdate()
    given_ago = draw(st.integers(0, 400))
    given_on = today - datetime.timedelta(days=given_ago)
    validity = draw(st.sampled_from(["open", "ended", "today", "later"]))
    valid_until: datetime.date | None = None
    if validity == "ended" and given_ago > 0:
        valid_until = given_on + datetime.timedelta(days=draw(st.integers(0, given_ago - 1)))
    elif validity == "today":
        valid_until = today
    elif validity == "later":
        valid_until = today + datetime.timedelta(days=draw(st.integers(1, 400)))
    withdrawn = draw(st.integers(0, 2)) == 0
    # One in ten names no category: the action must refuse such a release.
    refused = draw(st.integers(0, 9)) == 0
    return ConsentPlan(
        case=draw(st.none() | st.integers(0, n_cases - 1)) if n_cases else None,
        recipients=some_of(draw, list(range(n_orgs)), 1, n_orgs),
        categories=frozenset()
        if refused
        else draw(st.frozensets(st.sampled_from(sorted(ref.ALL_CATEGORIES)), min_size=1)),
        given_on=given_on,
        valid_until=valid_until,
        withdrawn_on=today - datetime.timedelta(days=draw(st.integers(0, given_ago)))
        if withdrawn
        else None,
    )


@st.composite
def person_plans(draw: Any, n_orgs: int) -> PersonPlan:
    org = st.integers(0, n_orgs - 1)
    n_cases = draw(st.sampled_from((1, 2, 0)))
    # Different programmes, so the one-open-case rule never refuses an intake.
    programmes = draw(st.permutations(Programme.values))[:n_cases]
    cases = []
    for programme in programmes:
        owner = draw(org)
        participants = some_of(draw, [o for o in range(n_orgs) if o != owner], 1, 3)
        cases.append(
            CasePlan(
                owner=owner,
                programme=programme,
                participants=participants,
                late=draw(st.integers(0, len(participants))),
                closed=draw(st.booleans()),
            )
        )
    n_consents = draw(st.integers(1 if cases else 0, 3))
    return PersonPlan(
        registered_by=draw(org),
        cases=tuple(cases),
        consents=tuple(draw(consent_plans(n_orgs, n_cases)) for _ in range(n_consents)),
    )


@st.composite
def world_plans(draw: Any) -> WorldPlan:
    n_orgs = draw(st.integers(2, 4))
    orgs = list(range(n_orgs))

    def memberships(least: int, most: int) -> tuple[tuple[int, str], ...]:
        return tuple(
            (o, draw(st.sampled_from(Role.values))) for o in some_of(draw, orgs, least, most)
        )

    # Every organisation has someone doing case work, so that what it holds is observed.
    users: list[tuple[tuple[int, str], ...]] = [
        ((org, draw(st.sampled_from(sorted(ref.CASE_ROLES)))),) for org in orgs
    ]
    users += [memberships(1, 2) for _ in range(draw(st.integers(2, 3)))]
    return WorldPlan(
        kinds=tuple(draw(st.sampled_from(OrganisationKind.values)) for _ in orgs),
        users=tuple(users),
        operator=memberships(0, 1) if draw(st.booleans()) else None,
        persons=tuple(draw(person_plans(n_orgs)) for _ in range(draw(st.integers(1, 6)))),
    )


# --- Building a plan through the actions, and the facts for the reference ----


@dataclass
class Built:
    facts: ref.WorldFacts
    users: list[tuple[ref.UserFacts, User]] = field(default_factory=list)
    family_names: dict[int, str] = field(default_factory=dict)


def build(plan: WorldPlan) -> Built:
    today = timezone.localdate()
    orgs = [cast(Organisation, f.OrganisationFactory(kind=kind)) for kind in plan.kinds]
    built = Built(facts=ref.WorldFacts(today=today))
    users = [(memberships, False) for memberships in plan.users]
    if plan.operator is not None:
        users.append((plan.operator, True))
    for memberships, is_operator in users:
        user = cast(User, f.UserFactory(is_superuser=is_operator, is_staff=is_operator))
        for org, role in memberships:
            Membership.objects.create(user=user, organisation=orgs[org], role=role)
        facts = ref.UserFacts(
            id=user.pk,
            memberships=tuple(ref.MembershipFacts(orgs[o].pk, r) for o, r in memberships),
            is_operator=is_operator,
        )
        built.users.append((facts, user))
    for index, person_plan in enumerate(plan.persons):
        build_person(built, orgs, index, person_plan)
    return built


def build_person(built: Built, orgs: list[Any], index: int, plan: PersonPlan) -> None:
    person = f.person(orgs[plan.registered_by], family_name=family_name(index))
    built.family_names[person.pk] = family_name(index)
    built.facts.persons.append(ref.PersonFacts(person.pk, orgs[plan.registered_by].pk))
    cases = []
    for case_plan in plan.cases:
        case = do_open_case(
            None, person, organisation=orgs[case_plan.owner], programme=case_plan.programme
        )
        for org in case_plan.participants[case_plan.late :]:
            do_add_participant(None, case, orgs[org])
        cases.append(case)
    recorded = []
    for consent_plan in plan.consents:
        recorded.append(record_release(person, cases, orgs, consent_plan))
    for case, case_plan in zip(cases, plan.cases, strict=True):
        for org in case_plan.participants[: case_plan.late]:
            do_add_participant(None, case, orgs[org])
    for consent, consent_plan in zip(recorded, plan.consents, strict=True):
        if consent is None:
            continue
        if consent_plan.withdrawn_on is not None:
            do_withdraw_consent(None, consent, withdrawn_on=consent_plan.withdrawn_on)
        built.facts.consents.append(
            ref.ConsentFacts(
                id=consent.pk,
                person=person.pk,
                case=None if consent_plan.case is None else cases[consent_plan.case].pk,
                recipients=frozenset(orgs[o].pk for o in consent_plan.recipients),
                categories=consent_plan.categories,
                given_on=consent_plan.given_on,
                valid_until=consent_plan.valid_until,
                withdrawn_on=consent_plan.withdrawn_on,
            )
        )
    for case, case_plan in zip(cases, plan.cases, strict=True):
        if case_plan.closed:
            do_close_case(None, case, reason="goals_achieved")
        built.facts.cases.append(
            ref.CaseFacts(
                id=case.pk,
                person=person.pk,
                organisation=orgs[case_plan.owner].pk,
                participants=frozenset(orgs[o].pk for o in case_plan.participants),
                closed=case_plan.closed,
            )
        )


def record_release(person: Person, cases: list[Case], orgs: list[Any], plan: ConsentPlan) -> Any:
    arguments: dict[str, Any] = {
        "text": f.consent_text(),
        "purpose": "Abstimmung im Fallmanagement",
        "recipients": [orgs[o] for o in plan.recipients],
        "categories": plan.categories,
        "given_on": plan.given_on,
        "valid_until": plan.valid_until,
        "case": None if plan.case is None else cases[plan.case],
        "form": "written",
        "language": "de",
        "special_categories_named": True,
    }
    if not plan.categories:
        # A release naming recipients but no category releases nothing: refused.
        with pytest.raises(ValidationError):
            do_record_consent(None, person, **arguments)
        return None
    return do_record_consent(None, person, **arguments)
