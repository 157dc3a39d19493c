import io
import json
import logging
import sqlite3
from unittest import mock

import pytest
from django.db import DataError, IntegrityError, OperationalError, connection, transaction
from django.urls import reverse

from lotse.core.logs import JsonFormatter, PlainFormatter, sanitised_message
from lotse.network.models import Organisation
from lotse.testing import factories as f

PLANTED = "Qwertzuiopova"


@pytest.fixture(params=["json", "plain"])
def formatter(request):
    return JsonFormatter() if request.param == "json" else PlainFormatter()


@pytest.fixture
def captured(formatter):
    """Every log record of every logger, formatted as in production, at DEBUG."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def _lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_it_never_logs_a_searched_name(client, login, caritas, alice, formatter, captured):
    person = f.person(caritas, alice, given_names="Lejla", family_name=PLANTED)
    login(alice)
    assert PLANTED in client.get(reverse("people:search"), {"q": PLANTED}).content.decode()
    assert client.get("/api/v1/people/", {"q": PLANTED}).status_code == 200
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 200
    assert client.get(f"/people/{PLANTED}/", {"q": PLANTED}).status_code == 404
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": PLANTED, "password": PLANTED})

    output = captured.getvalue()
    assert PLANTED not in output
    assert PLANTED.lower() not in output.lower()
    assert "alice" not in output  # user ids, not usernames
    if isinstance(formatter, PlainFormatter):
        assert "request method=GET route=people/ view=people:search status=200" in output
        return
    requests = [line for line in _lines(captured) if line["logger"] == "lotse.request"]
    search = next(line for line in requests if line["view"] == "people:search")
    assert search["method"] == "GET"
    assert search["route"] == "people/"
    assert search["status"] == 200
    assert search["user_id"] == alice.pk
    assert isinstance(search["duration_ms"], float)
    assert any(line["view"] == "api:person-list" for line in requests)
    assert any(line["route"] == "people/<int:pk>/" for line in requests)
    assert any(line["status"] == 404 and line["route"] is None for line in requests)


@pytest.mark.parametrize("formatter", [JsonFormatter()])
def test_it_tags_each_request_with_an_id_and_keeps_a_proxys(client, captured):
    own = client.get("/health/live")
    passed = client.get("/health/live", headers={"X-Request-ID": "edge-42.a"})
    refused = client.get("/health/live", headers={"X-Request-ID": "Name Surname"})
    assert len(own["X-Request-ID"]) == 32
    assert passed["X-Request-ID"] == "edge-42.a"
    assert refused["X-Request-ID"] != "Name Surname"
    ids = [line["request_id"] for line in _lines(captured) if line["logger"] == "lotse.request"]
    assert ids == [own["X-Request-ID"], "edge-42.a", refused["X-Request-ID"]]


# Errors: the exception's text can quote values; the log gets type, view, request id
# and a message rebuilt from parts that cannot hold data.
PLANTED_EMAIL = "qwertz.uiopova@example.org"
PLANTED_UMLAUT = "Qwürtzövá"


def _duplicate_organisation() -> None:
    # PostgreSQL: DETAIL: Key (name)=(…) already exists.
    Organisation.objects.create(name=PLANTED, email=PLANTED_EMAIL, kind="welfare")
    with transaction.atomic():
        Organisation.objects.create(name=PLANTED, email=PLANTED_EMAIL, kind="welfare")


def _row_without_kind() -> None:
    # PostgreSQL: DETAIL: Failing row contains (…, Qwertzuiopova, …, qwertz.uiopova@…).
    with transaction.atomic():
        Organisation.objects.create(name=PLANTED, email=PLANTED_EMAIL, kind=None)


def _data_error() -> None:
    if connection.vendor == "postgresql":
        # invalid input syntax for type integer: "Qwertzuiopova"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT %s::integer", [PLANTED])
    # SQLite converts instead of refusing: the same shape as PostgreSQL's error, by hand.
    try:
        raise sqlite3.DataError(f'invalid input syntax for type integer: "{PLANTED}"')
    except sqlite3.DataError as exc:
        raise DataError(str(exc)) from exc


def _plain_error() -> None:
    raise ValueError(f"kein Fall für {PLANTED} {PLANTED_UMLAUT} <{PLANTED_EMAIL}> gefunden")


FAILURES = {
    "duplicate key": (_duplicate_organisation, IntegrityError, 500),
    "not null": (_row_without_kind, IntegrityError, 500),
    "data error": (_data_error, DataError, 500),
    "plain": (_plain_error, ValueError, 500),
    "database away": (lambda: _raise(OperationalError(f"lost {PLANTED}")), OperationalError, 503),
}


def _raise(exc: BaseException) -> None:
    raise exc


@pytest.mark.parametrize("failure", FAILURES)
def test_an_error_is_logged_without_the_values_in_its_text(
    client, login, alice, settings, formatter, captured, failure
):
    effect, error, status = FAILURES[failure]
    settings.DEBUG = False
    login(alice)
    client.raise_request_exception = False
    with mock.patch("lotse.core.views.sections", side_effect=lambda request: effect()):
        response = client.get(reverse("core:home"), headers={"X-Request-ID": "req-500.a"})
    assert response.status_code == status

    output = captured.getvalue()
    for planted in (PLANTED, PLANTED_EMAIL, PLANTED_UMLAUT):
        assert planted.lower() not in output.lower()
        assert planted.encode("unicode_escape").decode("ascii") not in output
    assert "qwertz" not in output.lower()
    assert "DETAIL" not in output and "Failing row" not in output
    if isinstance(formatter, PlainFormatter):
        assert error.__name__ in output and "view=core:home" in output
        return
    errors = [line for line in _lines(captured) if "exception" in line]
    assert errors, output
    logged = errors[-1]
    assert logged["view"] == "core:home" and logged["route"] == ""
    assert logged["request_id"] == "req-500.a"
    exception = logged["exception"]
    assert exception["type"].endswith(error.__name__)
    assert any("lotse/core/views.py" in frame for frame in exception["stack"])
    if failure == "duplicate key" and connection.vendor == "postgresql":
        # The rebuilt message still tells an operator what failed.
        assert "sqlstate=23505" in exception["message"]
        assert "constraint=network_organisation_name_key" in exception["message"]
        assert [link["type"] for link in exception["chain"]] == ["psycopg.errors.UniqueViolation"]
    if failure == "duplicate key" and connection.vendor == "sqlite":
        assert exception["message"] == "UNIQUE constraint failed: network_organisation.name"
    if failure == "plain":
        assert exception["message"] == "(message withheld)"


@pytest.mark.parametrize("formatter", [JsonFormatter()])
def test_a_message_that_quotes_the_exception_or_a_non_ascii_path_is_cleaned(captured, rf):
    request = rf.get(f"/people/{PLANTED_UMLAUT}/")
    try:
        raise ValueError(f"no such person: {PLANTED_UMLAUT}")
    except ValueError as exc:
        logging.getLogger("lotse.test").error(
            "Bad request: %s at %s",
            str(exc),
            request.path.encode("unicode_escape").decode("ascii"),
            extra={"request": request},
            exc_info=True,
        )
    output = captured.getvalue()
    assert PLANTED_UMLAUT not in output
    assert PLANTED_UMLAUT.encode("unicode_escape").decode("ascii") not in output
    (line,) = _lines(captured)
    assert line["message"] == "Bad request: (message withheld) at <unresolved>"
    assert line["view"] is None and line["exception"]["type"] == "ValueError"


def test_messages_made_from_code_names_are_kept():
    assert sanitised_message(AttributeError("'NoneType' object has no attribute 'pk'")) == (
        "'NoneType' object has no attribute 'pk'"
    )
    assert sanitised_message(KeyError(PLANTED)) == "(message withheld)"
    assert sanitised_message(sqlite3.IntegrityError("NOT NULL constraint failed: a.b")) == (
        "NOT NULL constraint failed: a.b"
    )
    assert sanitised_message(sqlite3.OperationalError(f"near {PLANTED!r}: syntax error")) == (
        "(message withheld)"
    )
