"""The committed OpenAPI document is current, and real answers match it.

Every call made through the `api` fixture is checked against docs/openapi.yaml
(see openapi.py); this module adds the staleness check and one walk over the
main endpoints as the users who see most and least.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from lotse.core.tests.api.openapi import SCHEMA_FILE, document, operation

REGENERATE = ".venv/bin/python manage.py spectacular --lang en --file docs/openapi.yaml --validate --fail-on-warn"


def test_it_has_committed_the_current_schema(tmp_path: Path):
    generated = tmp_path / "openapi.yaml"
    # A fresh process, exactly as a developer or CI runs it: generation inside the
    # test process depends on translation state left behind by earlier tests.
    command = [
        "manage.py",
        "spectacular",
        "--lang",
        "en",
        "--file",
        str(generated),
        "--validate",
        "--fail-on-warn",
    ]
    result = subprocess.run(
        [sys.executable, *command],
        cwd=Path(settings.BASE_DIR).parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"Schema generation failed:\n{result.stdout}{result.stderr}"
    assert generated.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8"), (
        f"docs/openapi.yaml is stale. Regenerate it with:\n  {REGENERATE}"
    )


def test_it_documents_every_endpoint_of_the_api():
    paths = document()["paths"]
    expected = {
        ("get", "/api/v1/organisations/"),
        ("post", "/api/v1/organisations/"),
        ("patch", "/api/v1/organisations/{id}/"),
        ("get", "/api/v1/people/"),
        ("post", "/api/v1/people/"),
        ("get", "/api/v1/people/{id}/"),
        ("patch", "/api/v1/people/{id}/"),
        ("get", "/api/v1/cases/"),
        ("post", "/api/v1/cases/"),
        ("get", "/api/v1/cases/{id}/"),
        ("post", "/api/v1/cases/{id}/phase/"),
        ("post", "/api/v1/cases/{id}/close/"),
        ("get", "/api/v1/cases/{id}/participants/"),
        ("post", "/api/v1/cases/{id}/participants/"),
        ("delete", "/api/v1/cases/{id}/participants/{organisation_id}/"),
        ("get", "/api/v1/consents/"),
        ("post", "/api/v1/consents/"),
        ("get", "/api/v1/consents/{id}/"),
        ("post", "/api/v1/consents/{id}/withdraw/"),
        ("get", "/api/v1/audit/"),
        ("get", "/api/v1/audit/{id}/"),
        ("get", "/api/v1/audit/export.csv"),
    }
    documented = {(m, p) for p, ops in paths.items() for m in ops if m != "parameters"}
    assert expected <= documented
    # No delete of persons, cases, consents or audit entries, and no PUT on persons.
    assert ("delete", "/api/v1/people/{id}/") not in documented
    assert ("put", "/api/v1/people/{id}/") not in documented
    assert not [p for p in paths if p.startswith("/api/v1/audit/") and "delete" in paths[p]]


def test_it_types_every_operation():
    for path, operations in document()["paths"].items():
        for method, spec in operations.items():
            assert spec.get("summary"), f"{method} {path} has no summary"
            for status, answer in spec["responses"].items():
                if status != "204":
                    assert answer.get("content"), f"{method} {path} {status} has no body schema"
            if method in ("post", "put", "patch") and "{organisation_id}" not in path:
                assert "requestBody" in spec, f"{method} {path} has no request schema"


def test_it_checks_answers_against_the_schema():
    # The checker itself must be able to fail, or every other check is worthless.
    class Fake:
        status_code = 200
        content = b'{"count": "many"}'

        def __getitem__(self, key):
            return "application/json"

        def json(self):
            return {"count": "many"}

    from lotse.core.tests.api.openapi import check_response

    with pytest.raises(AssertionError, match="does not match"):
        check_response("get", "/api/v1/people/", Fake())
    with pytest.raises(AssertionError, match="not documented"):
        operation("delete", "/api/v1/people/1/")


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_it_answers_the_main_endpoints_as_documented(who, world, request, api, jobcentre):
    client = api(request.getfixturevalue(who))
    person, case, consent = world["person"], world["case"], world["consent"]
    # Each call is validated against docs/openapi.yaml by the api fixture.
    for path in (
        "organisations/",
        f"organisations/{jobcentre.pk}/",
        "people/",
        "people/?q=haddad",
        f"people/{person.pk}/",
        "cases/",
        f"cases/?person={person.pk}&phase=clearing&mine=true",
        f"cases/{case.pk}/",
        f"cases/{case.pk}/participants/",
        "consents/",
        f"consents/?person={person.pk}",
        "audit/",
        "people/999999/",
        "cases/?phase=nope",
    ):
        client.get(path)
    if who == "alice":
        assert client.get(f"consents/{consent.pk}/").status_code == 200
        client.post(f"cases/{case.pk}/phase/", {"phase": "planning", "expected_version": 1})
        client.post(f"cases/{case.pk}/phase/", {"phase": "linking", "expected_version": 1})
        client.post(
            f"consents/{consent.pk}/withdraw/", {"withdrawn_on": timezone.localdate().isoformat()}
        )
        client.post(
            f"cases/{case.pk}/close/", {"closing_reason": "moved_away", "expected_version": 2}
        )


def test_it_answers_the_dpo_endpoints_as_documented(world, dora, api):
    client = api(dora)
    assert client.get("audit/?action=read").status_code == 200
    entry = client.get("audit/").json()["results"][0]
    assert client.get(f"audit/{entry['id']}/").status_code == 200
    assert client.get("audit/export.csv").status_code == 200
    assert client.get("audit/export.csv?since=x").status_code == 400


def test_it_serves_the_schema_and_the_browsable_docs(alice, api):
    client = api(alice)
    schema = client.client.get("/api/schema/", **client.headers)
    assert schema.status_code == 200
    assert b"/api/v1/people/{id}/" in schema.content
    docs = client.client.get("/api/docs/", **client.headers)
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
