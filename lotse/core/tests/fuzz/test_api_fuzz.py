"""Every API operation, fuzzed as each role: no server errors, and every answer as documented.

schemathesis generates requests from the committed docs/openapi.yaml (kept current
by lotse/core/tests/api/test_api_schema.py), valid ones and deliberately invalid
ones, and sends them to the Django WSGI application in-process with the role's
personal token. Path ids and the ids inside bodies are often swapped for ids that
exist, so that requests get past the 404s and the "no such object" 400s into the
serializers and actions; query parameters and body fields are sometimes pushed to
edge values that a few random examples seldom reach. Each answer must not be a
5xx, must have a documented status and media type, and must match the documented
body schema; the body is checked a second time with closed objects
(lotse/core/tests/api/openapi.py), so an undocumented key fails too.

Hypothesis runs with a fixed seed per test and a bounded number of examples, so a
run is deterministic and fits into CI's time.
"""

from __future__ import annotations

import copy
import re
import zlib
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lotse.core.tests.api.openapi import check_response, document
from lotse.core.tests.fuzz.conftest import ROLES, World

# docs/openapi.yaml, parsed once for both checkers (PyYAML is slow); a copy, as
# schemathesis may change what it is given.
SCHEMA = schemathesis.openapi.from_dict(copy.deepcopy(document()))
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 15

# Which world ids fit a body field.
BODY_POOLS = {
    "person": "people",
    "case": "cases",
    "organisation": "organisations",
    "parent": "organisations",
    "text": "texts",
    "recipient": "organisations",
    "to_organisation": "organisations",
}
BODY_LIST_POOLS = {"recipients": "organisations", "managers": "users", "cases": "cases"}


def swap(data: st.DataObject, generated: Any, existing: st.SearchStrategy[Any], label: str) -> Any:
    """An existing value four times in five; the generated one otherwise, and when shrinking."""
    if data.draw(st.integers(0, 4), label=f"keep {label}") == 0:
        return generated
    return data.draw(existing, label=label)


# Values at the edges that random generation seldom reaches within a few examples:
# a NUL character (PostgreSQL rejects it in text), the first and last day of the
# calendar (local midnight of either cannot be shifted to UTC), ints beyond 64 bits.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EDGE_DATES = st.sampled_from(["0001-01-01", "9999-12-31"])
EDGE_TEXTS = st.sampled_from(["\x00", "Amina\x00Haddad"])
EDGE_INTS = st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, 10**30])


def edge_value(value: Any) -> st.SearchStrategy[Any] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return EDGE_INTS
    if isinstance(value, str):
        return EDGE_DATES if DATE.match(value) else EDGE_TEXTS
    return None


def push_to_edges(case: Any, data: st.DataObject) -> None:
    """In half of the examples, replace each query parameter and body field by an edge
    value one time in three; the other half keeps whole bodies valid more often."""
    if not data.draw(st.booleans(), label="edges"):
        return
    for container in (case.query, case.body):
        if not isinstance(container, dict):
            continue
        for name, value in list(container.items()):
            edges = edge_value(value)
            if edges is not None and data.draw(st.integers(0, 2), label=f"edge {name}") == 2:
                container[name] = data.draw(edges, label=name)


def aim_at_world(case: Any, data: st.DataObject, world: World) -> None:
    """Swap generated ids for existing ones, so that requests get past "not found"."""
    for name in list(case.path_parameters or {}):
        pool = world.path_ids(case.operation.path, name)
        case.path_parameters[name] = swap(
            data, case.path_parameters[name], st.sampled_from(pool), name
        )
    if isinstance(case.query, dict) and "page" in case.query:
        case.query["page"] = swap(data, case.query["page"], st.sampled_from([1, 2]), "page")
    if not isinstance(case.body, dict):
        return
    for name, pool_name in BODY_POOLS.items():
        if name in case.body:
            pool = world.ids[pool_name]
            case.body[name] = swap(data, case.body[name], st.sampled_from(pool), name)
    for name, pool_name in BODY_LIST_POOLS.items():
        if name in case.body:
            ids = st.lists(st.sampled_from(world.ids[pool_name]), min_size=1, max_size=2)
            case.body[name] = swap(data, case.body[name], ids, name)


class Answer:
    """A schemathesis response as lotse/core/tests/api/openapi.py reads one."""

    def __init__(self, response: schemathesis.Response) -> None:
        self.response = response
        self.status_code = response.status_code
        self.content = response.content

    def __getitem__(self, header: str) -> str:
        values = self.response.headers.get(header.lower()) or [""]
        return values[0]

    def json(self) -> Any:
        return self.response.json()


def fuzz(operation: Any, world: World, role: str, app: Any) -> None:
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    # A fixed seed per role and operation: deterministic, yet each role gets other examples.
    @seed(zlib.crc32(f"{role} {operation.label}".encode()))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, data=st.data())
    def run(case: Any, data: st.DataObject) -> None:
        push_to_edges(case, data)
        aim_at_world(case, data, world)
        response = case.call(app=app, headers=world.headers(role))
        case.validate_response(response, checks=CHECKS)
        check_response(operation.method, operation.path, Answer(response))

    run()


@pytest.mark.parametrize("label", sorted(OPERATIONS))
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_fuzzed_requests_as_documented(
    role: str, label: str, fuzz_world: World, db: Any, keep_test_connection: Any, wsgi_app: Any
) -> None:
    fuzz(OPERATIONS[label], fuzz_world, role, wsgi_app)


def test_it_fuzzes_every_documented_operation() -> None:
    documented = {
        f"{method.upper()} {path}"
        for path, operations in SCHEMA.raw_schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert set(OPERATIONS) == documented
    assert len(OPERATIONS) >= 20
