import pytest
from rest_framework.test import APIRequestFactory

from lotse.accounts.api.permissions import IsVerified
from lotse.accounts.models import PersonalToken

WHOAMI = "/api/test-whoami/"
pytestmark = pytest.mark.urls("lotse.accounts.tests.urls")


def test_it_refuses_a_session_request_before_the_second_factor(client, alice):
    client.force_login(alice)

    response = client.get(WHOAMI)

    assert response.status_code == 403
    assert "authenticator" in response.json()["detail"]


def test_it_allows_a_verified_session(client, login, alice):
    login(alice)

    assert client.get(WHOAMI).json() == {"username": "alice"}


def test_it_allows_a_session_of_a_role_without_personal_data(client, cody):
    client.force_login(cody)

    assert client.get(WHOAMI).status_code == 200


def test_it_allows_an_unverified_session_when_2fa_is_off(client, alice, settings):
    settings.LOTSE_REQUIRE_2FA = False
    client.force_login(alice)

    assert client.get(WHOAMI).status_code == 200


def test_it_refuses_anonymous_requests(client, db):
    assert client.get(WHOAMI).status_code in {401, 403}


def test_it_allows_token_requests_without_a_session(alice):
    token, _raw = PersonalToken.issue(alice, "Script")
    request = APIRequestFactory().get(WHOAMI)
    request.user = alice
    request.auth = token

    assert IsVerified().has_permission(request, view=None)


def test_it_is_in_the_default_permissions(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == [
        "rest_framework.permissions.IsAuthenticated",
        "lotse.accounts.api.permissions.IsVerified",
    ]
