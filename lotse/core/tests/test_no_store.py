"""Cache-Control: no-store on every answer to a signed-in user and on the API;
static files and health checks stay cacheable (lotse.core.security.NoStoreMiddleware).

Walks every named URL of the permission matrix as the owner's staff in each role
that has pages of its own, so a new view is covered the day it is classified.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from lotse.access.tests.test_permission_matrix_views import (
    QUERIES,
    RULES,
    _add_conference,
    _add_intake,
    _add_referral,
    _kwargs,
    _object_for,
    named_urls,
)
from lotse.accounts.choices import Role
from lotse.core.security import NoStoreMiddleware
from lotse.core.tests.api.conftest import Api
from lotse.testing import matrix as m
from lotse.testing.auth import login_verified

ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD, Role.DPO, Role.ADMINISTRATOR)


def _assert_no_store(response, where):
    assert "no-store" in response.get("Cache-Control", ""), where
    assert response.get("Pragma") == "no-cache", where


@pytest.fixture
def world(db):
    world = m.build_world("given")
    _add_intake(world)
    _add_conference(world)
    _add_referral(world)
    return world


def test_every_named_url_answers_a_signed_in_user_with_no_store(client, world):
    patterns = named_urls()
    checked = set()
    users = [world.users[(role, "owner")] for role in ROLES] + [world.operator]
    for user in users:
        client.logout()
        login_verified(client, user)
        for name, rule in RULES.items():
            kwargs = _kwargs(patterns[name], world)
            if "pk" in kwargs:
                kwargs["pk"] = _object_for(rule, world, name)
                if kwargs["pk"] is None:
                    continue
            query = QUERIES[name](world) if name in QUERIES else {}
            response = client.get(reverse(name, kwargs=kwargs), query)
            # Whatever the status: a refusal page still carries the user's name.
            _assert_no_store(response, (name, user.username, response.status_code))
            checked.add(name)
    # Only URLs whose object the world lacks are left out (their own tests cover them).
    assert len(checked) >= len(RULES) * 0.9, sorted(set(RULES) - checked)


def test_it_marks_api_answers_to_a_token_user(world):
    manager = world.users[(Role.CASE_MANAGER, "owner")]
    api = Api(manager)
    _assert_no_store(api.get("cases/"), "cases/ with a token")
    _assert_no_store(api.get(f"cases/{world.case.pk}/"), "case with a token")


def test_it_marks_api_refusals_without_any_user(client, db):
    response = client.get("/api/v1/cases/")
    assert response.status_code in (401, 403)
    _assert_no_store(response, "anonymous API")


def test_health_checks_stay_untouched_for_a_signed_in_user(client, alice):
    login_verified(client, alice)
    for name in ("core:live", "core:ready"):
        response = client.get(reverse(name))
        assert "no-store" not in response.get("Cache-Control", ""), name
        assert "Pragma" not in response, name


def test_static_files_stay_cacheable(alice, settings):
    served = HttpResponse(b"body{}", content_type="text/css")
    served["Cache-Control"] = "max-age=60, public"
    middleware = NoStoreMiddleware(lambda request: served)
    request = RequestFactory().get(f"/{settings.STATIC_URL.strip('/')}/lotse/lotse.css")
    request.user = alice
    response = middleware(request)
    assert response["Cache-Control"] == "max-age=60, public" and "Pragma" not in response


def test_an_anonymous_page_is_left_alone(client, db):
    request = RequestFactory().get("/people/")
    request.user = AnonymousUser()
    response = NoStoreMiddleware(lambda r: HttpResponse("x"))(request)
    assert "Cache-Control" not in response
