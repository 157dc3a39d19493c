import io
import json
import logging

import pytest
from django.urls import reverse

from lotse.core.logs import JsonFormatter, PlainFormatter
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
