"""Checking real API answers against the committed OpenAPI document (docs/openapi.yaml).

OpenAPI 3.0 schemas are JSON Schema with a few differences; the conversion
below handles the ones drf-spectacular emits (`nullable`). Objects are closed
(`additionalProperties: false`) unless the document says otherwise, so an
undocumented key in an answer fails as well as a missing or mistyped one.
"""

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from jsonschema import Draft202012Validator

# Formats are checked too: "" must not pass as an e-mail address.
FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER
SCHEMA_FILE = Path(settings.BASE_DIR).parent / "docs" / "openapi.yaml"


@functools.cache
def document() -> dict[str, Any]:
    return yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


def to_json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: to_json_schema(value) for key, value in node.items()}
    if "properties" in converted and "additionalProperties" not in converted:
        converted["additionalProperties"] = False
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@functools.cache
def _components() -> dict[str, Any]:
    return to_json_schema(document().get("components", {}))


@functools.cache
def _routes() -> list[tuple[re.Pattern[str], str]]:
    routes = []
    for template in document()["paths"]:
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        routes.append((re.compile(f"^{pattern}$"), template))
    return routes


def operation(method: str, path: str) -> dict[str, Any]:
    path = path.split("?", 1)[0]
    for pattern, template in _routes():
        if pattern.match(path):
            operations = document()["paths"][template]
            assert method.lower() in operations, f"{method} {template} is not documented"
            return operations[method.lower()]
    raise AssertionError(f"{path} is not documented in {SCHEMA_FILE.name}")


def check_response(method: str, path: str, response: Any) -> None:
    """Fail unless the answer's status, media type and body are documented."""
    spec = operation(method, path)
    status = str(response.status_code)
    assert status in spec["responses"], (
        f"{method} {path} answered {status}, documented are {sorted(spec['responses'])}"
    )
    content = spec["responses"][status].get("content")
    if not content:
        assert not response.content, f"{method} {path} {status} should have no body"
        return
    media_type = response["Content-Type"].split(";")[0].strip()
    assert media_type in content, f"{method} {path} {status}: {media_type} is not documented"
    if media_type != "application/json":
        return
    schema = dict(to_json_schema(content[media_type]["schema"]))
    schema["components"] = _components()
    errors = sorted(
        Draft202012Validator(schema, format_checker=FORMAT_CHECKER).iter_errors(response.json()),
        key=lambda e: list(e.path),
    )
    assert not errors, f"{method} {path} {status} does not match the schema:\n" + "\n".join(
        f"  at {'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors[:10]
    )
