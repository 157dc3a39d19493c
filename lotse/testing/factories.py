"""Factories for tests. Build explicit data per test; no shared fixture files.

Creation of persons, cases and consents goes through the actions, so tests
exercise the same grant rebuild and audit as the product does.
"""

import datetime
from typing import Any, cast

import factory
from django.utils import timezone

from lotse.access.actions import do_record_consent
from lotse.access.models import Consent, ConsentText
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.cases.actions import do_add_participant, do_open_case
from lotse.cases.models import Case
from lotse.network.choices import OrganisationKind
from lotse.network.models import Organisation
from lotse.people.actions import do_create_person
from lotse.people.models import Person

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.WELFARE_ORGANISATION
    place = "Musterstadt"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Vorname{n}")
    last_name = "Muster"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            # factory_boy passes the built User here, not the factory.
            cast(User, self).save()


def staff(organisation: Organisation, role: str = Role.CASE_MANAGER, **kwargs: Any) -> User:
    user = cast(User, UserFactory(**kwargs))
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def consent_text() -> ConsentText:
    text, _ = ConsentText.objects.get_or_create(
        version="test-1",
        language="de",
        defaults={"title": "Schweigepflichtentbindung", "body": "Synthetischer Text."},
    )
    return text


def person(organisation: Organisation, actor: Any = None, **fields: Any) -> Person:
    defaults: dict[str, Any] = {
        "given_names": "Amina",
        "family_name": "Haddad",
        "birth_date": datetime.date(1990, 5, 17),
        "sex": "f",
    }
    defaults.update(fields)
    return do_create_person(actor, organisation, **defaults)


def case(
    organisation: Organisation,
    person_: Person | None = None,
    *,
    managers: tuple[User, ...] = (),
    programme: str = "kim",
    actor: Any = None,
) -> Case:
    person_ = person_ or person(organisation, actor)
    return do_open_case(
        actor, person_, organisation=organisation, programme=programme, managers=managers
    )


def consent(
    case_: Case,
    recipients: list[Organisation],
    categories: tuple[str, ...] = ("identity", "residence"),
    *,
    actor: Any = None,
    given_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    **kwargs: Any,
) -> Consent:
    return do_record_consent(
        actor,
        case_.person,
        text=consent_text(),
        purpose="Abstimmung im Fallmanagement",
        recipients=recipients,
        categories=categories,
        given_on=given_on or timezone.localdate() - datetime.timedelta(days=30),
        valid_until=valid_until,
        form="written",
        language="de",
        special_categories_named="health" in categories,
        **kwargs,
    )


def participant(case_: Case, organisation: Organisation, actor: Any = None) -> Any:
    return do_add_participant(actor, case_, organisation)


# Intake and assessment (lotse.intake), through their actions like the rest.
def intake(
    organisation: Organisation,
    person_: Person,
    actor: Any,
    *,
    decision: str = "case_management",
    programme: str = "kim",
    life_areas: tuple[str, ...] = ("language", "work", "housing"),
    **fields: Any,
) -> Any:
    from lotse.cases.models import LifeArea
    from lotse.intake.actions import do_record_intake

    arguments: dict[str, Any] = {
        "held_on": timezone.localdate(),
        "came_via": "office",
        "first_needs": "Sucht Sprachkurs, Arbeit und eine Wohnung.",
        "pathways_failed": True,
        "agrees_to_case_management": True,
        "programme": programme if decision == "case_management" else "",
        "referred_to": "Schuldnerberatung" if decision == "referral_only" else "",
    }
    arguments.update(fields)
    return do_record_intake(
        actor,
        person_,
        organisation=organisation,
        decision=decision,
        life_areas=LifeArea.objects.filter(code__in=life_areas),
        **arguments,
    )


def assessment(case_: Case, area_code: str, actor: Any, **fields: Any) -> Any:
    from lotse.cases.models import LifeArea
    from lotse.intake.actions import do_assess_life_area
    from lotse.intake.models import AssessmentEntry

    area = LifeArea.objects.get(code=area_code)
    current = AssessmentEntry.objects.filter(case=case_, life_area=area, is_current=True).first()
    arguments: dict[str, Any] = {
        "assessed_on": timezone.localdate(),
        "priority": "medium",
        "situation": "Synthetische Lage.",
        "based_on": current.pk if current else None,
    }
    arguments.update(fields)
    return do_assess_life_area(actor, case_, area, **arguments)


# Integration plans (lotse.plans): through the actions, like cases above.
def goal(
    case_: Case,
    life_area: str = "language",
    *,
    actor: Any = None,
    title: str = "Deutsch auf Niveau B1",
    success_measure: str = "B1-Zertifikat liegt vor",
    target_date: datetime.date | None = None,
) -> Any:
    from lotse.cases.models import LifeArea
    from lotse.plans.actions import do_add_goal

    return do_add_goal(
        actor,
        case_,
        life_area=LifeArea.objects.get(code=life_area),
        title=title,
        success_measure=success_measure,
        target_date=target_date or timezone.localdate() + datetime.timedelta(days=180),
    )


def step(
    goal_: Any,
    *,
    actor: Any = None,
    description: str = "Anmeldung zum Integrationskurs",
    responsible_kind: str = "person",
    due_date: datetime.date | None = None,
    **kwargs: Any,
) -> Any:
    from lotse.plans.actions import do_add_step

    return do_add_step(
        actor,
        goal_,
        description=description,
        responsible_kind=responsible_kind,
        due_date=due_date or timezone.localdate() + datetime.timedelta(days=14),
        **kwargs,
    )


# Contacts and documents (lotse.contacts): through the actions, like the rest.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def contact(case_: Case, actor: Any = None, **fields: Any) -> Any:
    from lotse.contacts.actions import do_record_contact

    defaults: dict[str, Any] = {
        "occurred_on": timezone.localdate(),
        "channel": "in_person",
        "duration_minutes": 30,
        "note": "Gespräch über den Sprachkurs.",
    }
    defaults.update(fields)
    return do_record_contact(actor, case_, **defaults)


def document(
    case_: Case,
    actor: Any = None,
    data_category: str = "case_notes",
    *,
    title: str = "Bescheid",
    name: str = "bescheid.pdf",
    content: bytes = PDF_BYTES,
) -> Any:
    from lotse.contacts.actions import do_upload_document

    return do_upload_document(
        actor, case_, data_category=data_category, title=title, name=name, content=content
    )


def task(
    case_: Case,
    assignee: User | None = None,
    *,
    team: Any = None,
    title: str = "Nachfragen beim Jobcenter",
    due_on: datetime.date | None = None,
    remind_on: datetime.date | None = None,
    actor: Any = None,
) -> Any:
    """A follow-up through the action; due dates in the past are written afterwards,
    as the action refuses them for new tasks."""
    from lotse.deadlines.actions import do_create_task, reminder_time
    from lotse.deadlines.models import Task

    today = timezone.localdate()
    wanted = due_on or today
    created = do_create_task(
        actor or assignee,
        case_,
        title=title,
        due_on=max(wanted, today),
        remind_on=max(remind_on, today) if remind_on else None,
        assignee=assignee,
        team=team,
    )
    if wanted < today or (remind_on and remind_on < today):
        remind = remind_on or wanted
        Task.objects.filter(pk=created.pk).update(
            due_on=wanted, remind_on=remind, reminder_due_at=reminder_time(remind)
        )
        created.refresh_from_db()
    return created


def status_period(person_: Person, actor: Any = None, **fields: Any) -> Any:
    """A residence status period, added through the action (overlap check, audit)."""
    from lotse.residence.actions import do_add_row
    from lotse.residence.models import StatusPeriod

    defaults: dict[str, Any] = {
        "kind": "duldung",
        "valid_from": datetime.date(2019, 1, 1),
        "valid_until": None,
    }
    defaults.update(fields)
    return do_add_row(actor, StatusPeriod(person=person_, **defaults))


def conference(
    case_: Case,
    organisations: list[Organisation],
    data_category: str = "residence",
    *,
    actor: Any = None,
    starts_at: datetime.datetime | None = None,
    agenda: tuple[str, ...] = ("Stand der Dinge", "Nächste Schritte"),
) -> Any:
    """A case conference written directly, without the action's release check or
    invitations: a conference scheduled in the past, whatever the release says now.
    Tests of scheduling itself call do_schedule_conference."""
    from lotse.conferences.models import AgendaItem, CaseConference, ConferenceParticipant

    created = CaseConference.objects.create(
        case=case_,
        title="Fallkonferenz Aufenthalt",
        data_category=data_category,
        starts_at=starts_at or timezone.now() - datetime.timedelta(days=1),
        place="Kreishaus, Raum 2",
        created_by=actor,
    )
    ConferenceParticipant.objects.create(
        conference=created, organisation=case_.organisation, kind="organiser"
    )
    for organisation in organisations:
        ConferenceParticipant.objects.create(
            conference=created, organisation=organisation, kind="organisation"
        )
    for position, title in enumerate(agenda, start=1):
        AgendaItem.objects.create(conference=created, position=position, title=title)
    return created


# Referrals and hand-overs (lotse.referrals): through the actions, like the rest.
def referral(
    case_: Case,
    recipient: Organisation,
    categories: tuple[str, ...] = ("identity", "residence"),
    *,
    actor: Any = None,
    request: str = "Bitte um einen Beratungstermin.",
    **kwargs: Any,
) -> Any:
    import uuid

    from lotse.referrals.actions import do_send_referral

    sent, _created = do_send_referral(
        actor,
        case_,
        request=request,
        categories=categories,
        idempotency_key=kwargs.pop("idempotency_key", None) or uuid.uuid4(),
        recipient=recipient,
        **kwargs,
    )
    return sent
