"""Edge values, sent to every query and path parameter as each role, and what
fuzzing found once.

Random fuzzing (test_api_fuzz.py) reaches an edge value of one parameter only
now and then within its few examples; this sweep sends each edge value to each
parameter once, deterministically: the other parameters left out, path ids that
exist. Every answer must be documented, and a server error fails the test.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from lotse.core.tests.api.openapi import check_response, document
from lotse.core.tests.fuzz.conftest import ROLES, World

# A NUL character (PostgreSQL rejects it in text), the first and last day of the
# calendar (local midnight of either cannot be shifted to UTC), ints beyond 64 bits.
EDGES = {
    "integer": [0, -1, 2**31, 2**63 - 1, 2**63, 10**30],
    "date": ["0001-01-01", "9999-12-31"],
    "string": ["\x00", "Amina\x00Haddad", "%", "_"],
    "boolean": ["\x00", "maybe"],
}
PATH_EDGES = [0, 2**63, 10**30]
OPERATIONS = sorted(
    (method, path) for path, operations in document()["paths"].items() for method in operations
)


def edges_for(schema: dict[str, Any]) -> list[Any]:
    if schema.get("format") == "date":
        return EDGES["date"]
    return EDGES.get(schema.get("type", "string"), EDGES["string"])


def requests_for(path: str, spec: dict[str, Any], world: World) -> list[tuple[str, str]]:
    """(url, what) pairs: each query parameter and each path parameter at each edge."""
    parameters = spec.get("parameters", [])
    in_path = [p["name"] for p in parameters if p["in"] == "path"]
    existing = {name: world.path_ids(path, name)[0] for name in in_path}
    base = path.format(**existing)
    urls = []
    for parameter in parameters:
        name = parameter["name"]
        if parameter["in"] == "query":
            for value in edges_for(parameter.get("schema", {})):
                urls.append((f"{base}?{urlencode({name: value})}", f"{name}={value!r}"))
        elif parameter["in"] == "path":
            for value in PATH_EDGES:
                urls.append((path.format(**{**existing, name: value}), f"{name}={value}"))
    return urls


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_edge_values_as_documented(
    role: str, method: str, path: str, fuzz_world: World, db: Any
) -> None:
    spec = document()["paths"][path][method]
    client = Client()
    auth = {"HTTP_AUTHORIZATION": fuzz_world.headers(role)["Authorization"]}
    body = "{}" if method in ("post", "put", "patch") else ""
    for url, what in requests_for(path, spec, fuzz_world):
        try:
            response = client.generic(method.upper(), url, body, "application/json", **auth)
            check_response(method, url, response)
        except Exception as exc:  # a server error raises in the test client
            raise AssertionError(f"{method.upper()} {path} with {what}: {exc}") from exc


# What fuzzing found once, kept as plain examples: each answered 500, or an
# undocumented status or media type, before the fix.
FOUND = [
    ("case_manager", "get", "/api/v1/people/?q=%00"),  # NUL: PostgreSQL 500
    ("case_manager", "get", "/api/v1/organisations/?q=Cari%00tas"),
    ("case_manager", "get", "/api/v1/cases/?person=99999999999999999999999"),  # SQLite 500
    ("case_manager", "get", "/api/v1/consents/?person=99999999999999999999999"),
    ("dpo", "get", "/api/v1/audit/?person=99999999999999999999999"),
    ("dpo", "get", "/api/v1/audit/?until=9999-12-31"),  # the day after overflows
    ("dpo", "get", "/api/v1/audit/export.csv?until=9999-12-31"),
    ("dpo", "get", "/api/v1/audit/?since=0001-01-01"),  # SQLite: before year 1 in UTC
    ("case_manager", "get", "/api/v1/people/?page=x"),  # 404 "Invalid page." undocumented
    ("case_manager", "get", "/api/v1/cases/?page=99"),
    ("case_manager", "patch", "/api/v1/people/1.5/"),  # HTML 404 from the URL resolver
    ("case_manager", "delete", "/api/v1/cases/1/participants/x/"),
    ("case_manager", "delete", "/api/v1/cases/{case}/participants/99999999999999999999999/"),
    ("case_manager", "post", "/api/v1/cases/1.5/phase/"),  # also needs no CSRF token
    ("case_manager", "post", "/api/v1/people/"),  # a body that is not JSON: 415 undocumented
]


@pytest.mark.parametrize(("role", "method", "url"), FOUND)
def test_it_answers_what_fuzzing_found_as_documented(
    role: str, method: str, url: str, fuzz_world: World, db: Any
) -> None:
    url = url.format(case=fuzz_world.ids["cases"][0])
    client = Client(enforce_csrf_checks=True)
    headers = {"HTTP_AUTHORIZATION": fuzz_world.headers(role)["Authorization"]}
    body = b"given_names=Amina" if method == "post" else b""
    response = client.generic(method.upper(), url, body, content_type="text/plain", **headers)
    # A server error raises in the test client; the rest must be documented.
    check_response(method, url, response)
