"""Structured logs without personal data: JSON lines on stderr, one line per request.

What a request line holds is chosen, not dumped: method, the URL pattern (ids
are numbers, never names), the view name, status, duration, the user's id and
a request id. Query strings and bodies are never logged: a search carries the
name searched for in its query string, a form carries it in its body.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("lotse.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is taken over only when it looks like an id: a header is input,
# and free text from it would end up in every log line of the request.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Attributes every LogRecord has; anything else was passed in `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
# Extras that may hold personal data or unserialisable objects are never written.
_NEVER = {"request", "server_time", "response"}


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {
        key: value if isinstance(value, int | float | bool | None) else str(value)
        for key, value in vars(record).items()
        if key not in _STANDARD and key not in _NEVER and not key.startswith("_")
    }


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _without_path(record),
            **_extras(record),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    """For a terminal during development: the same fields, the same omissions."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{key}={value}" for key, value in _extras(record).items())
        record.message = f"{_without_path(record)} {fields}".rstrip()
        return super().formatMessage(record)


def _without_path(record: logging.LogRecord) -> str:
    """Django's own request warnings ("Not Found: /path?q=…") name the raw path."""
    message = record.getMessage()
    request = getattr(record, "request", None)
    if isinstance(request, HttpRequest):
        match = getattr(request, "resolver_match", None)
        route = match.route if match else "<unresolved>"
        message = message.replace(request.get_full_path(), route).replace(request.path, route)
    return message


class RequestLogMiddleware:
    """Outermost middleware: times the whole request and tags it with an id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        request_logger.info(
            "request",
            extra={
                "method": request.method,
                "route": match.route if match else None,
                "view": match.view_name if match else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "request_id": request_id,
            },
        )
        return response
