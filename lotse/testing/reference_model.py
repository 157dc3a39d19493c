"""Who may see what, recomputed from plain facts: the oracle of the permission properties.

Written from the rules in domain.md ("Users and what each may see", "Data
protection") and deliberately independent of lotse.access.visibility and
lotse.access.grants: it never touches the database or the AccessGrant table,
so a bug in the choke point or the grant rebuild cannot hide itself here.

A user's view is the union of what each of their roles gives them:

- case staff (case manager, team lead, office staff) of an organisation that
  owns a case of a person see the person and that case with every category;
- a person without any case is seen, with every category, by the case staff
  of the organisation that registered them (intake);
- case staff of an organisation taking part in a case see that case and its
  person with the categories released to the organisation by the consents in
  force today that cover the case (or all the person's cases);
- the operator reads every person's identity, but no case;
- a data-protection officer reads the identity of the persons their
  organisation holds (owns a case of, or registered without cases), in the
  audit scope, never case content;
- coordinators and administrators see no personal data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

IDENTITY = "identity"
ALL_CATEGORIES: frozenset[str] = frozenset(
    {
        "identity",
        "contact",
        "residence",
        "family",
        "education_work",
        "finances",
        "health",
        "case_notes",
    }
)
CASE_ROLES: frozenset[str] = frozenset({"case_manager", "team_lead", "office_staff"})
DPO = "dpo"
NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MembershipFacts:
    organisation: int
    role: str


@dataclass(frozen=True)
class UserFacts:
    id: int
    memberships: tuple[MembershipFacts, ...] = ()
    is_operator: bool = False

    def organisations_as(self, roles: Iterable[str]) -> frozenset[int]:
        wanted = set(roles)
        return frozenset(m.organisation for m in self.memberships if m.role in wanted)


@dataclass(frozen=True)
class PersonFacts:
    id: int
    registered_by: int


@dataclass(frozen=True)
class CaseFacts:
    id: int
    person: int
    organisation: int
    participants: frozenset[int] = frozenset()
    closed: bool = False


@dataclass(frozen=True)
class ConsentFacts:
    id: int
    person: int
    recipients: frozenset[int]
    categories: frozenset[str]
    given_on: datetime.date
    case: int | None = None
    valid_until: datetime.date | None = None
    withdrawn_on: datetime.date | None = None

    def in_force(self, today: datetime.date) -> bool:
        # Withdrawal dates are never in the future, so "withdrawn on or before
        # today" is the same as "withdrawn".
        return (
            self.given_on <= today
            and (self.withdrawn_on is None or self.withdrawn_on > today)
            and (self.valid_until is None or self.valid_until >= today)
        )

    def covers(self, case_id: int) -> bool:
        return self.case is None or self.case == case_id


@dataclass
class WorldFacts:
    today: datetime.date
    persons: list[PersonFacts] = field(default_factory=list)
    cases: list[CaseFacts] = field(default_factory=list)
    consents: list[ConsentFacts] = field(default_factory=list)

    def cases_of(self, person_id: int) -> list[CaseFacts]:
        return [c for c in self.cases if c.person == person_id]

    def holders(self, person: PersonFacts) -> frozenset[int]:
        """Organisations that hold the person's record: owners of their cases, or
        the registering organisation while there is no case yet."""
        cases = self.cases_of(person.id)
        if not cases:
            return frozenset({person.registered_by})
        return frozenset(c.organisation for c in cases)

    def released(self, organisation: int, case: CaseFacts) -> frozenset[str]:
        """Categories of `case` released to a participating `organisation` today.

        A release lapses when its purpose ends: a closed case releases nothing."""
        if organisation not in case.participants or case.closed:
            return NOTHING
        found: set[str] = set()
        for consent in self.consents:
            if (
                consent.person == case.person
                and consent.covers(case.id)
                and organisation in consent.recipients
                and consent.in_force(self.today)
            ):
                found |= consent.categories
        return frozenset(found)


@dataclass(frozen=True)
class Sight:
    """Everything one user may reach, as the reference model says."""

    # Persons and cases reachable in case work (Action.VIEW).
    persons: frozenset[int]
    cases: frozenset[int]
    # Persons reachable only in the data-protection officer's audit scope.
    audit_persons: frozenset[int]
    # Persons whose name the user may search for: identity released in case
    # work, or the operator's view of every identity.
    named_persons: frozenset[int]
    # Categories per person (any of their cases) and per (person, case).
    person_categories: Mapping[int, frozenset[str]]
    case_categories: Mapping[tuple[int, int], frozenset[str]]
    # What case work alone gives, without the operator's or DPO's identity.
    case_work_categories: Mapping[int, frozenset[str]]
    case_work_case_categories: Mapping[tuple[int, int], frozenset[str]]
    changeable_persons: frozenset[int]
    changeable_cases: frozenset[int]


def sight(world: WorldFacts, user: UserFacts) -> Sight:
    staff_orgs = user.organisations_as(CASE_ROLES)
    dpo_orgs = user.organisations_as({DPO})

    work_person: dict[int, frozenset[str]] = {}
    work_case: dict[tuple[int, int], frozenset[str]] = {}
    changeable_persons: set[int] = set()
    changeable_cases: set[int] = set()
    audit_persons: set[int] = set()

    for person in world.persons:
        holders = world.holders(person)
        cases = world.cases_of(person.id)
        person_cats: set[str] = set()
        if holders & staff_orgs:
            changeable_persons.add(person.id)
            person_cats |= ALL_CATEGORIES
        if holders & dpo_orgs:
            audit_persons.add(person.id)
        for case in cases:
            case_cats: set[str] = set()
            if case.organisation in staff_orgs:
                changeable_cases.add(case.id)
                case_cats |= ALL_CATEGORIES
            for organisation in staff_orgs:
                case_cats |= world.released(organisation, case)
            work_case[(person.id, case.id)] = frozenset(case_cats)
            person_cats |= case_cats
        work_person[person.id] = frozenset(person_cats)

    def with_identity(person_id: int, cats: frozenset[str]) -> frozenset[str]:
        if user.is_operator or person_id in audit_persons:
            return cats | {IDENTITY}
        return cats

    return Sight(
        persons=frozenset(p.id for p in world.persons if work_person[p.id] or user.is_operator),
        cases=frozenset(c.id for c in world.cases if work_case[(c.person, c.id)]),
        audit_persons=frozenset(audit_persons),
        named_persons=frozenset(
            p.id for p in world.persons if IDENTITY in work_person[p.id] or user.is_operator
        ),
        person_categories={pid: with_identity(pid, cats) for pid, cats in work_person.items()},
        case_categories={key: with_identity(key[0], cats) for key, cats in work_case.items()},
        case_work_categories=work_person,
        case_work_case_categories=work_case,
        changeable_persons=frozenset(changeable_persons),
        changeable_cases=frozenset(changeable_cases),
    )


__all__ = [
    "ALL_CATEGORIES",
    "CASE_ROLES",
    "CaseFacts",
    "ConsentFacts",
    "MembershipFacts",
    "PersonFacts",
    "Sight",
    "UserFacts",
    "WorldFacts",
    "sight",
]
