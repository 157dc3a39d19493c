"""The permission matrix: one world per consent state, one user per role and
organisation relation, and an independent reference model of who may see what.

The reference model is deliberately written from domain.md's table, not from
lotse.access.visibility, so that a bug in the choke point cannot hide itself.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.network.choices import OrganisationKind
from lotse.network.models import Team
from lotse.people.models import Address, ContactDetail
from lotse.testing import factories as f

CONSENT_STATES = ("given", "expired", "withdrawn", "absent")
RELATIONS = ("owner", "participant", "outsider")
ROLES = tuple(Role)
CASE_WORK = {Role.CASE_MANAGER, Role.TEAM_LEAD, Role.OFFICE_STAFF}
RELEASED = ("identity", "residence")
ALL = {
    "identity",
    "contact",
    "residence",
    "family",
    "education_work",
    "finances",
    "health",
    "case_notes",
}
# Strings planted in the world: each must appear only to users holding its category.
SECRET_STREET = "Geheimweg 17"
SECRET_PHONE = "+49 170 5550199"
SECRET_SUMMARY = "Vertraulicher Vermerk zur Fallarbeit"
SECRET_NAME = "Qarawani"


@dataclass
class World:
    state: str
    orgs: dict[str, Any]
    users: dict[tuple[str, str], Any]
    operator: Any
    person: Any
    case: Any
    consent: Any | None
    other_person: Any = None
    extras: dict[str, Any] = field(default_factory=dict)

    def all_users(self) -> list[tuple[str, str, Any]]:
        rows = [(role, rel, user) for (role, rel), user in self.users.items()]
        rows.append(("operator", "none", self.operator))
        return rows


def expected_categories(role: str, relation: str, state: str) -> set[str]:
    """Categories of the world's person (and case) a user may read: the reference model."""
    if role == "operator":
        return {"identity"}
    if role in CASE_WORK:
        if relation == "owner":
            return set(ALL)
        if relation == "participant" and state == "given":
            return set(RELEASED)
    if role == Role.DPO and relation == "owner":
        return {"identity"}
    return set()


def sees_case(role: str, relation: str, state: str) -> bool:
    return role in CASE_WORK and (
        relation == "owner" or (relation == "participant" and state == "given")
    )


def may_change(role: str, relation: str) -> bool:
    return role in CASE_WORK and relation == "owner"


def build_world(state: str) -> World:
    orgs = {
        "owner": f.OrganisationFactory(name="Caritas Matrix"),
        "participant": f.OrganisationFactory(
            name="Jobcenter Matrix", kind=OrganisationKind.JOB_CENTRE
        ),
        "outsider": f.OrganisationFactory(name="DRK Matrix"),
    }
    users = {
        (role, rel): f.staff(orgs[rel], role, username=f"{role}-{rel}")
        for role, rel in itertools.product(ROLES, RELATIONS)
    }
    operator = f.UserFactory(username="operator", is_superuser=True, is_staff=True)
    manager = users[(Role.CASE_MANAGER, "owner")]
    person = f.person(orgs["owner"], manager, family_name=SECRET_NAME, given_names="Layla")
    case = f.case(orgs["owner"], person, managers=(manager,), actor=manager)
    case.summary = SECRET_SUMMARY
    case.save(update_fields=["summary"])
    Address.objects.create(
        person=person,
        street=SECRET_STREET,
        place="Musterstadt",
        valid_from=datetime.date(2020, 1, 1),
    )
    ContactDetail.objects.create(person=person, kind="phone", value=SECRET_PHONE)
    participant = f.participant(case, orgs["participant"], manager)
    address = Address.objects.get(person=person)
    team = Team.objects.create(organisation=orgs["owner"], name="Team Nord")
    membership = Membership.objects.get(user=manager)
    today = timezone.localdate()
    consent = None
    if state == "given":
        consent = f.consent(case, [orgs["participant"]], RELEASED, actor=manager)
    elif state == "expired":
        consent = f.consent(
            case,
            [orgs["participant"]],
            RELEASED,
            actor=manager,
            given_on=today - datetime.timedelta(days=400),
            valid_until=today - datetime.timedelta(days=1),
        )
    elif state == "withdrawn":
        consent = f.consent(case, [orgs["participant"]], RELEASED, actor=manager)
        do_withdraw_consent(manager, consent, withdrawn_on=today)
    # A second person at the outsider organisation: nobody else may see them.
    other = f.person(orgs["outsider"], None, family_name="Andere", given_names="Person")
    extras = {
        "participant": participant,
        "address": address,
        "team": team,
        "membership": membership,
    }
    return World(state, orgs, users, operator, person, case, consent, other, extras)
