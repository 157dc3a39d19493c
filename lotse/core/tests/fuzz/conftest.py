"""A small world for fuzzing the API, built once per module and per xdist worker.

Every pytest test in the module fuzzes one (role, operation) pair. Building the
world for each of them would cost more than the fuzzing, so it is built once
inside an outer transaction that is rolled back after the module; the `db`
fixture of each test nests in it as a savepoint, so the writes of one test
(new persons, closed cases, withdrawn consents) are undone before the next.
This works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test.utils import override_settings
from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.accounts.choices import Role
from lotse.accounts.models import PersonalToken
from lotse.audit.models import AuditEntry
from lotse.network.choices import OrganisationKind
from lotse.network.models import Organisation
from lotse.people.actions import do_add_detail
from lotse.people.models import Address, ContactDetail, NameSpelling, Nationality
from lotse.testing import factories as f

# Everyone who reaches the API, one user each; the operator is the superuser.
ROLES = (
    Role.CASE_MANAGER.value,
    Role.TEAM_LEAD.value,
    Role.OFFICE_STAFF.value,
    Role.COORDINATOR.value,
    Role.DPO.value,
    Role.ADMINISTRATOR.value,
    "operator",
)


@dataclass
class World:
    """Ids that exist, per resource, and the raw token of each role's user."""

    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, list[int]] = field(default_factory=dict)

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": "Bearer " + self.tokens[role], "Accept-Language": "en"}

    def path_ids(self, path: str, parameter: str) -> list[int]:
        """The ids that fit a path parameter: {organisation_id}, or {id} of the
        resource the path is about (/api/v1/<resource>/{id}/…)."""
        if parameter == "organisation_id":
            return self.ids["organisations"]
        parts = path.split("/")
        # Residence resources sit one level deeper: /api/v1/residence/<kind>/{id}/.
        if parts[3] in ("residence", "outreach"):
            return self.ids[parts[3] + "/" + parts[4]]
        return self.ids[parts[3]]


def _build() -> World:
    caritas = f.OrganisationFactory(name="Caritas Fuzzkreis")
    jobcentre = f.OrganisationFactory(name="Jobcenter Fuzzkreis", kind=OrganisationKind.JOB_CENTRE)
    drk = f.OrganisationFactory(name="DRK Fuzzkreis")
    office = f.OrganisationFactory(
        name="Integrationszentrum", kind=OrganisationKind.COORDINATING_OFFICE
    )

    manager = f.staff(caritas, Role.CASE_MANAGER, username="fuzz-manager")
    lead = f.staff(caritas, Role.TEAM_LEAD, username="fuzz-lead")
    clerk = f.staff(jobcentre, Role.OFFICE_STAFF, username="fuzz-clerk")
    other = f.staff(drk, Role.CASE_MANAGER, username="fuzz-other")
    users = {
        Role.CASE_MANAGER.value: manager,
        Role.TEAM_LEAD.value: lead,
        Role.OFFICE_STAFF.value: clerk,
        Role.COORDINATOR.value: f.staff(office, Role.COORDINATOR, username="fuzz-coordinator"),
        Role.DPO.value: f.staff(caritas, Role.DPO, username="fuzz-dpo"),
        Role.ADMINISTRATOR.value: f.staff(caritas, Role.ADMINISTRATOR, username="fuzz-admin"),
        "operator": f.UserFactory(username="fuzz-operator", is_superuser=True, is_staff=True),
    }

    # Caritas keeps two persons: one with a case shared with the job centre under
    # a consent, one without a case. DRK keeps one with a case of its own.
    amina = f.person(caritas, manager)
    for detail in (
        NameSpelling(person=amina, given_names="Amena", family_name="Hadad", kind="alias"),
        Nationality(person=amina, country="SYR"),
        ContactDetail(person=amina, kind="mobile", value="+49 170 5550199"),
        Address(
            person=amina,
            street="Fuzzweg 1",
            place="Musterstadt",
            valid_from=datetime.date(2024, 1, 1),
        ),
    ):
        do_add_detail(manager, detail)
    amina_case = f.case(caritas, amina, managers=(manager,), actor=manager)
    f.participant(amina_case, jobcentre, manager)
    in_force = f.consent(amina_case, [jobcentre], ("identity", "residence"), actor=manager)
    withdrawn = f.consent(amina_case, [drk], ("identity",), actor=manager)
    do_withdraw_consent(manager, withdrawn, withdrawn_on=timezone.localdate(), note="")
    yusuf = f.person(caritas, lead, given_names="Yusuf", family_name="Demir", birth_date=None)
    olga = f.person(drk, other, given_names="Olga", family_name="Petrenko")
    olga_case = f.case(drk, olga, managers=(other,), actor=other, programme="mbe")

    contacts_ids = _contacts_world(amina_case, manager)
    # Intake and assessment (lotse.intake): one of each, owned by Caritas.
    intake = f.intake(caritas, yusuf, manager, decision="short_counselling")
    assessment = f.assessment(amina_case, "residence", manager)
    # Plan and follow-up (lotse.plans, lotse.deadlines); a plan's id is its case's.
    goal = f.goal(amina_case, "residence", actor=manager)
    step = f.step(goal, actor=manager)
    task = f.task(amina_case, manager, actor=manager)
    # A case conference with the job centre about residence data (lotse.conferences).
    conference = f.conference(amina_case, [jobcentre], "residence", actor=manager)
    # Referral and hand-over (lotse.referrals): to the job centre under the consent in
    # force, and a hand-over waiting for DRK's answer.
    from lotse.referrals.handover import do_request_handover

    referral = f.referral(amina_case, jobcentre, ("identity",), actor=manager)
    handover = do_request_handover(manager, amina_case, drk)

    world = World(
        tokens={role: PersonalToken.issue(user, "fuzz")[1] for role, user in users.items()}
    )
    world.ids = {
        "people": [amina.pk, yusuf.pk, olga.pk],
        "cases": [amina_case.pk, olga_case.pk],
        "consents": [in_force.pk, withdrawn.pk],
        "organisations": [caritas.pk, jobcentre.pk, drk.pk, office.pk],
        "audit": list(AuditEntry.objects.order_by("-id").values_list("pk", flat=True)[:5]),
        "users": [u.pk for u in users.values()],
        "texts": [in_force.text_id],
        **contacts_ids,
        "intakes": [intake.pk],
        "assessments": [assessment.pk],
        "goals": [goal.pk],
        "steps": [step.pk],
        "plans": [amina_case.pk, olga_case.pk],
        "tasks": [task.pk],
        "services": [_service(caritas).pk],
        "conferences": [conference.pk],
        "referrals": [referral.pk],
        "handovers": [handover.pk],
    }
    world.ids.update(_residence_ids(amina, manager, [amina.pk, yusuf.pk, olga.pk]))
    world.ids.update(_dedupe_ids(caritas, amina, yusuf, manager))
    world.ids.update(_outreach_ids(caritas, amina, manager))
    assert Organisation.objects.filter(pk__in=world.ids["organisations"]).count() == 4
    return world


def _service(provider: Any) -> Any:
    """A directory entry (lotse.directory) of Caritas, with a location."""
    from lotse.directory.models import Service, ServiceLocation

    service = Service.objects.create(provider=provider, name="Sprachkurs Fuzz", kind="other")
    ServiceLocation.objects.create(service=service, postcode="48100", place="Fuzzstadt")
    return service


def _contacts_world(case: Any, manager: Any) -> dict[str, list[int]]:
    """A contact, a residence document and a bulk-closure job (lotse.contacts)."""
    import tempfile

    from lotse.contacts.models import BulkClosure

    # Built before the per-test document folder exists: never write into var/.
    with override_settings(LOTSE_DOCUMENTS_DIR=tempfile.mkdtemp(prefix="lotse-fuzz-")):
        document = f.document(case, manager, "residence")
    contact = f.contact(case, manager)
    job = BulkClosure.objects.create(
        started_by=manager, reason="no_contact", case_ids=[case.pk], total=1
    )
    return {
        "contacts": [contact.pk],
        "documents": [document.pk],
        "bulk-closures": [job.pk],
    }


def _dedupe_ids(caritas: Any, amina: Any, yusuf: Any, manager: Any) -> dict[str, list[int]]:
    """An open pair of Caritas records and a merge (lotse.dedupe) the DPO may undo."""
    from lotse.dedupe.merge import do_merge
    from lotse.dedupe.models import DuplicateCandidate

    a, b = sorted((amina.pk, yusuf.pk))
    pair = DuplicateCandidate.objects.create(person_a_id=a, person_b_id=b, score=0.9)
    copy = f.person(caritas, manager, given_names="Amena", family_name="Hadad")
    merge = do_merge(None, amina, copy)
    return {"duplicates": [pair.pk], "merges": [merge.pk]}


def _residence_ids(person: Any, actor: Any, person_ids: list[int]) -> dict[str, list[int]]:
    """One row of every residence kind for the shared person."""
    from lotse.residence import models as r
    from lotse.residence.actions import do_add_row, do_store_evaluation

    day = datetime.date(2020, 1, 1)
    rows = {
        "status-periods": r.StatusPeriod(person=person, kind="duldung", valid_from=day),
        "language-certificates": r.LanguageCertificate(person=person, level="A2", issued_on=day),
        "employment": r.EmploymentSpell(person=person, valid_from=day, hours_per_week=20),
        "benefits": r.BenefitPeriod(person=person, benefit="sgb2", valid_from=day),
        "convictions": r.Conviction(person=person, convicted_on=day),
        "children": r.Child(person=person, birth_date=day),
    }
    ids = {f"residence/{kind}": [do_add_row(actor, row).pk] for kind, row in rows.items()}
    ids["residence/facts"] = person_ids
    ids["residence/evaluations"] = [do_store_evaluation(actor, person).pk]
    return ids


def _outreach_ids(organisation: Any, person: Any, actor: Any) -> dict[str, list[int]]:
    """A campaign of Caritas with the shared person as its one recipient, and a print
    of its letters started by the manager (lotse.outreach)."""
    from lotse.outreach.models import Campaign, CampaignRecipient, LetterPrint

    campaign = Campaign.objects.create(
        organisation=organisation, group="25b_now", title="Fuzzkampagne", created_by=actor
    )
    recipient = CampaignRecipient.objects.create(campaign=campaign, person=person)
    job = LetterPrint.objects.create(
        campaign=campaign, started_by=actor, recipient_ids=[recipient.pk], total=1
    )
    return {
        "outreach/campaigns": [campaign.pk],
        "outreach/recipients": [recipient.pk],
        "outreach/prints": [job.pk],
    }


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    # The root conftest's fast hasher is function-scoped; this fixture is not.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        world = _build()
        yield world
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def wsgi_app() -> WSGIHandler:
    return WSGIHandler()


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """The WSGI handler closes "old" connections at every request's start and end,
    which would end the test's transaction; Django's test client disconnects the
    same handler for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
