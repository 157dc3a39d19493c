"""A world for the API tests, and a client that checks every answer against the schema."""

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from lotse.accounts.choices import Role
from lotse.accounts.models import PersonalToken
from lotse.core.tests.api.openapi import check_response
from lotse.people.actions import do_add_detail
from lotse.people.models import (
    Address,
    ContactDetail,
    Household,
    HouseholdMembership,
    LanguageSkill,
    NameSpelling,
    Nationality,
    OfficeIdentifier,
)
from lotse.testing import factories as f

SUMMARY = "Vertraulicher Vermerk zur Fallarbeit"
STREET = "Geheimweg 17"


class Api:
    """Calls /api/v1/ as one user with a personal token; checks each answer's schema."""

    def __init__(self, user: Any, client: Client | None = None, *, token: bool = True) -> None:
        self.user = user
        self.client = client or Client()
        # English answers, so that assertions on messages survive the German catalogue.
        self.headers: dict[str, str] = {"HTTP_ACCEPT_LANGUAGE": "en"}
        if token:
            _token, raw = PersonalToken.issue(user, "test")
            self.headers["HTTP_AUTHORIZATION"] = "Bearer " + raw

    def call(self, method: str, path: str, data: Any = None, **extra: Any) -> Any:
        url = path if path.startswith("/") else "/api/v1/" + path
        kwargs: dict[str, Any] = {**self.headers, **extra}
        if kwargs.get("content_type", "") is None:
            del kwargs["content_type"]
        elif method in ("post", "patch", "put") and "content_type" not in kwargs:
            kwargs["content_type"] = "application/json"
            data = json.dumps(data if data is not None else {})
        response = getattr(self.client, method)(url, data, **kwargs)
        check_response(method, url, response)
        return response

    def get(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.call("get", path, data, **extra)

    def post(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.call("post", path, data, **extra)

    def post_multipart(self, path: str, data: dict[str, Any]) -> Any:
        # The test client encodes a dict as multipart/form-data, lists as repeated keys.
        return self.call("post", path, data, content_type=None)

    def patch(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.call("patch", path, data, **extra)

    def delete(self, path: str, **extra: Any) -> Any:
        return self.call("delete", path, None, **extra)


@pytest.fixture
def api():
    def _api(user: Any) -> Api:
        return Api(user)

    return _api


@pytest.fixture
def session_api(login):
    """An Api signed in through the session (verified second factor), no token."""

    def _api(user: Any) -> Api:
        return Api(user, login(user), token=False)

    return _api


def add_details(person: Any, actor: Any, issuer: Any) -> None:
    for detail in (
        NameSpelling(person=person, given_names="Amena", family_name="Hadad", kind="alias"),
        Nationality(person=person, country="SYR"),
        LanguageSkill(person=person, language="ar", level="native"),
        OfficeIdentifier(person=person, kind="other", value=f"X-{person.pk}", issued_by=issuer),
        ContactDetail(person=person, kind="mobile", value="+49 170 5550199"),
        Address(
            person=person, street=STREET, place="Musterstadt", valid_from=datetime.date(2024, 1, 1)
        ),
    ):
        do_add_detail(actor, detail)
    household = Household.objects.create(label="Haddad")
    do_add_detail(
        actor, HouseholdMembership(household=household, person=person, relationship="head")
    )


@pytest.fixture
def world(caritas, jobcentre, drk, alice, bob, carol, dora):
    """Caritas (alice) owns a case; the job centre (bob) takes part with a release of
    identity and residence; DRK (carol) has nothing to do with it."""
    person = f.person(caritas, alice)
    add_details(person, alice, caritas)
    case = f.case(caritas, person, managers=(alice,), actor=alice)
    case.summary = SUMMARY
    case.save(update_fields=["summary"])
    f.participant(case, jobcentre, alice)
    consent = f.consent(case, [jobcentre], ("identity", "residence"), actor=alice)
    return {"person": person, "case": case, "consent": consent}


@pytest.fixture
def adam(caritas):
    return f.staff(caritas, Role.ADMINISTRATOR, username="adam")
