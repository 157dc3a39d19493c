"""A lost database connection answers 503 with Retry-After; any other failure stays a 500."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOST = OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def failing_client(client, alice, login, settings):
    settings.DEBUG = False
    client = login(alice)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("error", [LOST, InterfaceError("connection already closed")])
def test_a_page_answers_503_with_retry_after(failing_client, error):
    with mock.patch("lotse.core.views.sections", side_effect=error):
        response = failing_client.get(reverse("core:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    assert "cannot reach its database" in response.content.decode()
    assert "<h1>Temporarily unavailable</h1>" in response.content.decode()


def test_an_api_call_answers_503_as_json(failing_client):
    with mock.patch("lotse.cases.api.views.CaseViewSet.list", side_effect=LOST, create=True):
        response = failing_client.get("/api/v1/cases/")
    assert response.status_code == 503
    assert "cannot reach its database" in response.json()["detail"]


def test_a_programming_error_stays_a_500(failing_client):
    with mock.patch("lotse.core.views.sections", side_effect=ValueError("a bug")):
        response = failing_client.get(reverse("core:home"))
    assert response.status_code == 500
    assert "Retry-After" not in response
