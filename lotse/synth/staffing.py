"""Who works where: a staffing plan sized to the expected caseload. Pure."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from lotse.synth import rates
from lotse.synth.district import DistrictPlan, slug

STAFF_GIVEN = (
    "Anna",
    "Julia",
    "Katrin",
    "Sabine",
    "Claudia",
    "Stefanie",
    "Miriam",
    "Lena",
    "Sarah",
    "Ayşe",
    "Elif",
    "Natalia",
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Markus",
    "Jan",
    "Tobias",
    "Mehmet",
    "Ahmad",
    "Dimitri",
    "Jonas",
    "Frank",
)
STAFF_FAMILY = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Braun",
    "Krüger",
    "Yılmaz",
    "Kaya",
    "Nowak",
    "Kowalski",
    "Hartmann",
    "Lange",
)

OFFICE_STAFF_AT = ("jobcentre", "immigration", "social")
# Other offices take part rarely: one clerk each is enough to see their share.
ONE_CLERK_AT = ("employment_agency", "youth", "naturalisation", "school")


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    email: str
    org_key: str
    role: str
    team: str | None = None


def expected_open_cases(plan: DistrictPlan, persons: int) -> dict[str, float]:
    total = persons * rates.OPEN_CASES_PER_PERSON_EXPECTED
    return {org.key: total * org.case_share for org in plan.case_owners}


def expected_participations(persons: int) -> dict[str, float]:
    cases = persons * rates.CASES_PER_PERSON_EXPECTED
    return {key: cases * share for key, share in rates.PARTICIPATION}


class _Names:
    def __init__(self, rng: random.Random, domain: str, taken: set[str]) -> None:
        self.rng = rng
        self.domain = domain
        self.taken = taken

    def person(self, org_key: str, role: str, team: str | None = None) -> StaffSpec:
        first = self.rng.choice(STAFF_GIVEN)
        last = self.rng.choice(STAFF_FAMILY)
        base = f"{slug(first)[:1]}.{slug(last)}"
        username, n = base, 1
        while username in self.taken:
            n += 1
            username = f"{base}{n}"
        self.taken.add(username)
        return StaffSpec(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@{self.domain}",
            org_key=org_key,
            role=role,
            team=team,
        )


def make_staff(
    rng: random.Random, plan: DistrictPlan, persons: int, taken_usernames: set[str]
) -> list[StaffSpec]:
    names = _Names(rng, f"{slug(plan.name)}.example", set(taken_usernames))
    staff: list[StaffSpec] = []
    for key, open_cases in expected_open_cases(plan, persons).items():
        managers = max(1, math.ceil(open_cases / rates.OPEN_CASES_PER_MANAGER))
        teams = max(1, math.ceil(managers / rates.MANAGERS_PER_TEAM))
        for t in range(teams):
            team = f"Fallmanagement {t + 1}"
            staff.append(names.person(key, "team_lead", team))
            for _m in range(t, managers, teams):
                staff.append(names.person(key, "case_manager", team))
    participations = expected_participations(persons)
    for key in OFFICE_STAFF_AT:
        clerks = max(2, math.ceil(participations[key] / rates.PARTICIPATIONS_PER_OFFICE_STAFF))
        staff += [names.person(key, "office_staff", "Integration") for _i in range(clerks)]
    staff += [names.person(key, "office_staff", "Integration") for key in ONE_CLERK_AT]
    staff += [names.person("coordination", "coordinator") for _i in range(2)]
    staff.append(names.person("coordination", "administrator"))
    staff += [names.person(org.key, "dpo") for org in plan.organisations]
    return staff
