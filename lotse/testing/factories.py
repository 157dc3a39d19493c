"""Factories for tests. Build explicit data per test; no shared fixture files.

Creation of persons, cases and consents goes through the actions, so tests
exercise the same grant rebuild and audit as the product does.
"""

import datetime
from typing import Any

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
            self.save()


def staff(organisation: Organisation, role: str = Role.CASE_MANAGER, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
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
