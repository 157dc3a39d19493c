"""visible_to(user, case=...) is the case filter planned from the case: the same rows.

The case page asks every panel's rows this way (visibility checked against that
one case's grants instead of a semi-join over all of the organisation's grants);
here every case-level model, every role, relation and consent state, every action
must give exactly the rows of `visible_to(user, action).filter(<case_path>=case)`.
"""

import datetime
import uuid

import pytest
from django.apps import apps
from django.utils import timezone

from lotse.access.visibility import Action, VisibleQuerySet
from lotse.conferences.models import CaseConference
from lotse.contacts.models import Contact, Document
from lotse.deadlines.models import Task
from lotse.people.models import Person
from lotse.plans.models import Goal, Step
from lotse.referrals.models import CaseHandover, Referral
from lotse.testing import factories as f
from lotse.testing import matrix as m


def _case_models() -> list[type]:
    found = []
    for model in apps.get_models():
        queryset = model._default_manager.get_queryset()
        if isinstance(queryset, VisibleQuerySet) and queryset.case_path is not None:
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label)


CASE_MODELS = _case_models()


def test_it_covers_the_models_of_the_case_page():
    for model in (Task, Referral, CaseHandover, CaseConference, Document, Contact, Goal, Step):
        assert model in CASE_MODELS


def _plant(case, manager, participant_org, outsider_org):
    """Rows of every kind the case page shows, for one case."""
    today = timezone.localdate()
    f.task(case, manager, title="Eigene Aufgabe")
    # Handed to the participating office by a conference: visible to it through its grant.
    Task.objects.create(
        case=case,
        title="Übergebene Aufgabe",
        due_on=today,
        remind_on=today,
        organisation=participant_org,
    )
    f.conference(case, [participant_org], "residence", actor=manager)
    f.conference(case, [participant_org], "health", actor=manager)
    for recipient in (participant_org, outsider_org):
        Referral.objects.create(
            person_id=case.person_id,
            case=case,
            sender_organisation_id=case.organisation_id,
            recipient_organisation=recipient,
            request="Bitte um einen Termin.",
            categories=["identity", "residence"],
            idempotency_key=uuid.uuid4(),
            sent_at=timezone.now() - datetime.timedelta(days=3),
        )
    CaseHandover.objects.create(
        case=case, from_organisation_id=case.organisation_id, to_organisation=outsider_org
    )
    f.contact(case, manager)
    f.document(case, manager, "residence")


@pytest.fixture(params=m.CONSENT_STATES)
def world(request, db):
    return m.build_world(request.param)


def test_it_gives_the_rows_of_the_case_filter_for_every_user_model_and_action(world):
    manager = world.users[("case_manager", "owner")]
    participant_org, outsider_org = world.orgs["participant"], world.orgs["outsider"]
    # A second case of the same organisation, with rows of its own, which `case=`
    # must leave out; and the same office taking part, so its grants differ per case.
    second_person = f.person(world.orgs["owner"], manager, family_name="Zweite")
    second = f.case(world.orgs["owner"], second_person, managers=(manager,), actor=manager)
    f.participant(second, participant_org, manager)
    f.consent(second, [participant_org], ("identity", "residence", "health"), actor=manager)
    _plant(world.case, manager, participant_org, outsider_org)
    _plant(second, manager, participant_org, outsider_org)

    users = [*world.all_users(), ("operator", "none", world.operator)]
    seen: set[str] = set()
    for role, rel, user in users:
        for model in CASE_MODELS:
            manager_ = model._default_manager
            path = manager_.get_queryset().case_path
            for action in Action:
                for case in (world.case, second):
                    expected = set(
                        manager_.visible_to(user, action)
                        .filter(**{path: case.pk})
                        .values_list("pk", flat=True)
                    )
                    got = set(
                        manager_.visible_to(user, action, case=case).values_list("pk", flat=True)
                    )
                    assert got == expected, (model.__name__, role, rel, action, world.state)
                    if expected:
                        seen.add(model.__name__)
    # Not vacuous: each kind of row the case page shows was seen by someone.
    assert {"Task", "Referral", "CaseHandover", "CaseConference", "Document", "Contact"} <= seen


def test_it_takes_a_case_id_as_well_as_a_case(world):
    manager = world.users[("case_manager", "owner")]
    f.task(world.case, manager)
    by_case = set(Task.objects.visible_to(manager, case=world.case))
    assert by_case and by_case == set(Task.objects.visible_to(manager, case=world.case.pk))


def test_it_refuses_a_case_for_rows_that_belong_to_a_person(world):
    with pytest.raises(TypeError, match="belong to a person"):
        Person.objects.visible_to(world.operator, case=world.case)
