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
# A goal in the health life area: health data, never released in the world.
SECRET_HEALTH_GOAL = "Traumatherapie beginnen"


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
        **plant_residence(person, manager, today),
    }
    # Integration plan (lotse.plans): a goal in a released area with a step,
    # and a health goal whose title must reach only readers of health data.
    extras["goal"] = f.goal(case, "residence", actor=manager, title="Aufenthalt sichern")
    extras["step"] = f.step(extras["goal"], actor=manager)
    extras["health_goal"] = f.goal(case, "health", actor=manager, title=SECRET_HEALTH_GOAL)
    extras.update(casework_extras(case, manager))
    return World(state, orgs, users, operator, person, case, consent, other, extras)


def casework_extras(case: Any, manager: Any) -> dict[str, Any]:
    """Objects of the case cycle apps that object-bound URLs need."""
    from lotse.contacts.actions import do_record_contact, do_upload_document

    # The note is case notes: only readers holding that category may see it.
    contact = do_record_contact(
        manager,
        case,
        occurred_on=timezone.localdate(),
        channel="phone",
        duration_minutes=15,
        note=SECRET_SUMMARY,
    )
    # A residence document: released to the participant when the consent is given.
    document = do_upload_document(
        manager,
        case,
        data_category="residence",
        title="Aufenthaltstitel",
        name="titel.pdf",
        content=f.PDF_BYTES,
    )
    return {"contact": contact, "document": document}


def plant_residence(person: Any, manager: Any, today: datetime.date) -> dict[str, Any]:
    """One row of every residence kind, and a Duldung ending soon (for the deadline list)."""
    from lotse.residence import models as r

    day = datetime.date(2020, 1, 1)
    return {
        "status_period": r.StatusPeriod.objects.create(
            person=person,
            kind="duldung",
            valid_from=day,
            valid_until=today + datetime.timedelta(days=20),
        ),
        "language_certificate": r.LanguageCertificate.objects.create(
            person=person, level="A2", issued_on=day
        ),
        "employment_spell": r.EmploymentSpell.objects.create(
            person=person, valid_from=day, hours_per_week=20
        ),
        "benefit_period": r.BenefitPeriod.objects.create(
            person=person, benefit="sgb2", valid_from=day
        ),
        "conviction": r.Conviction.objects.create(person=person, convicted_on=day),
        "child": r.Child.objects.create(person=person, birth_date=day),
        "evaluation": r.Evaluation.objects.create(
            person=person,
            as_of=today,
            rules_version="test",
            facts={},
            result={"as_of": today.isoformat(), "rules_version": "test", "pathways": []},
            created_by=manager,
        ),
    }
