"""Structured logs without personal data: JSON lines on stderr, one line per request.

What a request line holds is chosen, not dumped: method, the URL pattern (ids
are numbers, never names), the view name, status, duration, the user's id and
a request id. Query strings and bodies are never logged: a search carries the
name searched for in its query string, a form carries it in its body.

Exceptions are logged without their text. An exception's message is free text
made at the point of failure, and it names values: PostgreSQL's "Key
(email)=(…) already exists" and "Failing row contains (…)" DETAIL lines,
"invalid input syntax for type integer: \"…\"", a ValueError quoting what it
could not parse. What is logged instead (`describe_exception`): the type of each
exception in the chain, a message rebuilt from parts that cannot hold data
(SQLSTATE and the names of constraint, table and column for a database error;
SQLite's fixed "UNIQUE constraint failed: table.column" shape), and the stack
as file, line and function. A record tied to a request also gets the request's
route, view name and id, so the line can be matched to the request line and the
reverse-proxy log.
"""

import json
import logging
import re
import sqlite3
import time
import traceback
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from django.db import Error as DjangoDatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

request_logger = logging.getLogger("lotse.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is taken over only when it looks like an id: a header is input,
# and free text from it would end up in every log line of the request.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Attributes every LogRecord has; anything else was passed in `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
# Extras that may hold personal data or unserialisable objects are never written.
_NEVER = {"request", "server_time", "response"}


WITHHELD = "(message withheld)"
# Built-in exceptions whose messages Python makes from names in the code, never
# from values; exact types only (a subclass may word its own message).
_CODE_MESSAGES = (AttributeError, NameError, ImportError, ModuleNotFoundError, NotImplementedError)
# SQLite words constraint failures with table and column names only.
_SQLITE_SAFE = re.compile(
    r"^(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(: [\w.]+(, [\w.]+)*)?$"
    r"|^database is locked$|^database table is locked$"
)
# psycopg's diagnostics that name schema objects, never values.
_DIAG_NAMES = ("constraint_name", "table_name", "column_name", "datatype_name")
_FRAMES = 30
_PROJECT = Path(__file__).resolve().parents[2]


def _database_message(exc: BaseException) -> str | None:
    """A database error's message from parts that cannot hold data, None if not one."""
    diag = getattr(exc, "diag", None)
    if diag is not None:  # psycopg
        parts = [f"sqlstate={diag.sqlstate}"] if diag.sqlstate else []
        parts += [
            f"{name[:-5]}={getattr(diag, name)}" for name in _DIAG_NAMES if getattr(diag, name)
        ]
        return " ".join(parts) or WITHHELD
    if isinstance(exc, sqlite3.Error):
        text = str(exc)
        return text if _SQLITE_SAFE.match(text) else WITHHELD
    if isinstance(exc, DjangoDatabaseError):
        # Django's wrapper repeats the driver's text: describe the driver's error.
        cause = exc.__cause__
        return _database_message(cause) if cause is not None else WITHHELD
    return None


def sanitised_message(exc: BaseException) -> str:
    database = _database_message(exc)
    if database is not None:
        return database
    if type(exc) in _CODE_MESSAGES:
        return str(exc).splitlines()[0] if str(exc) else ""
    return WITHHELD if str(exc) else ""


def _type_name(exc: BaseException) -> str:
    cls = type(exc)
    return (
        cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    )


def _frame_file(filename: str) -> str:
    path = Path(filename)
    for marker in ("site-packages", "dist-packages"):
        if marker in path.parts:
            return "/".join(path.parts[path.parts.index(marker) + 1 :])
    try:
        return str(path.resolve().relative_to(_PROJECT))
    except ValueError:
        return path.name


def describe_exception(exc: BaseException, tb: TracebackType | None = None) -> dict[str, Any]:
    """Type, sanitised message, the chain of causes and the stack: no exception text."""
    chain: list[dict[str, str]] = []
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen and len(chain) < 10:
        seen.add(id(link))
        chain.append({"type": _type_name(link), "message": sanitised_message(link)})
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    frames = traceback.extract_tb(tb if tb is not None else exc.__traceback__)[-_FRAMES:]
    return {
        "type": chain[0]["type"],
        "message": chain[0]["message"],
        "chain": chain[1:],
        "stack": [f"{_frame_file(fr.filename)}:{fr.lineno} in {fr.name}" for fr in frames],
    }


def _exception(record: logging.LogRecord) -> BaseException | None:
    if record.exc_info and isinstance(record.exc_info, tuple):
        return record.exc_info[1]
    return None


def _request_fields(record: logging.LogRecord) -> dict[str, Any]:
    """Route, view and request id of the request a record is about (Django passes it)."""
    request = getattr(record, "request", None)
    if not isinstance(request, HttpRequest):
        return {}
    match = getattr(request, "resolver_match", None)
    if match is None:
        # The failure came before URL resolution (a middleware): resolve it here.
        try:
            match = resolve(request.path_info)
        except (Resolver404, ValueError):
            match = None
    return {
        "route": match.route if match else None,
        "view": match.view_name if match else None,
        "request_id": getattr(request, "request_id", None),
    }


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    fields = {
        key: value if isinstance(value, int | float | bool | None) else str(value)
        for key, value in vars(record).items()
        if key not in _STANDARD and key not in _NEVER and not key.startswith("_")
    }
    return {**_request_fields(record), **fields}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
            **_extras(record),
        }
        exc = _exception(record)
        if exc is not None:
            entry["exception"] = describe_exception(exc, record.exc_info[2])  # type: ignore[index]
        return json.dumps(entry, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    """For a terminal during development: the same fields, the same omissions."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{key}={value}" for key, value in _extras(record).items())
        record.message = f"{_message(record)} {fields}".rstrip()
        return super().formatMessage(record)

    def format(self, record: logging.LogRecord) -> str:
        # Not logging.Formatter.format: it reuses record.exc_text, the full
        # traceback with the exception's text, when another handler made it first.
        record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        if _exception(record) is not None:
            text = f"{text}\n{self.formatException(record.exc_info)}"
        if record.stack_info:
            text = f"{text}\n{self.formatStack(record.stack_info)}"
        return text

    def formatException(self, ei: Any) -> str:
        if not isinstance(ei, tuple) or ei[1] is None:
            return ""
        described = describe_exception(ei[1], ei[2])
        lines = [f"{described['type']}: {described['message']}"]
        lines += [f"  caused by {link['type']}: {link['message']}" for link in described["chain"]]
        lines += [f"  at {frame}" for frame in described["stack"]]
        return "\n".join(lines)


def _message(record: logging.LogRecord) -> str:
    """The record's message without the raw path and without the exception's own text.

    Django's request warnings ("Not Found: /path?q=…") name the raw path; some
    log calls put the exception into the message ("Bad request: <text>").
    """
    message = record.getMessage()
    request = getattr(record, "request", None)
    if isinstance(request, HttpRequest):
        match = getattr(request, "resolver_match", None)
        route = match.route if match else "<unresolved>"
        for path in (request.get_full_path(), request.path):
            # log_response() escapes non-ASCII arguments: "/people/M\\xfcller/".
            for form in (path, path.encode("unicode_escape").decode("ascii")):
                message = message.replace(form, route)
    exc = _exception(record)
    if exc is not None:
        text = str(exc)
        for part in (text, text.encode("unicode_escape").decode("ascii"), *text.splitlines()):
            # Lines long enough not to match ordinary words of the message by chance.
            if len(part.strip()) >= 8 and part in message:
                message = message.replace(part, sanitised_message(exc))
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
