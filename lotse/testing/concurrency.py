"""Many writers at once, each a test Client on a database connection of its own,
as web workers are. For the lost-update tests of issue 3 (PostgreSQL only)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from lotse.accounts.models import PersonalToken

WRITERS = 20
# Each writer retries a refused save this often at most: with 20 writers the
# last one may lose up to 19 times before its turn.
MAX_ATTEMPTS = WRITERS * 3


def skip_unless_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Concurrent writers need a server database: SQLite's in-memory test database "
            "cannot hold 20 writing connections at once (shared-cache table locks fail at "
            "once instead of waiting). Run with DATABASE_URL=postgres://... ."
        )


class ApiWriter:
    """One writer: a Client with its own personal token, talking JSON to /api/v1/."""

    def __init__(self, user: Any) -> None:
        _token, raw = PersonalToken.issue(user, "concurrency")
        self.client = Client(HTTP_AUTHORIZATION="Bearer " + raw, HTTP_ACCEPT_LANGUAGE="en")

    def get(self, path: str) -> Any:
        return self.client.get("/api/v1/" + path)

    def send(self, method: str, path: str, data: dict[str, Any]) -> Any:
        return getattr(self.client, method)(
            "/api/v1/" + path, json.dumps(data), content_type="application/json"
        )


def run_at_once(writers: list[ApiWriter], work: Callable[[int, ApiWriter], Any]) -> list[Any]:
    """Start every writer at the same moment; return each one's result, raising the
    first exception any of them met (a failed assertion inside a writer included)."""
    start = threading.Barrier(len(writers))
    results: list[Any] = [None] * len(writers)
    errors: list[BaseException] = []

    def run(number: int) -> None:
        try:
            start.wait(timeout=60)
            results[number] = work(number, writers[number])
        except BaseException as exc:  # handed to the test below
            errors.append(exc)
        finally:
            # The thread's own connection: left open, it would block the test's flush.
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(writers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a writer hung: a deadlock or a lock wait"
    if errors:
        raise errors[0]
    return results


def answered_cleanly(response: Any, won: tuple[int, ...] = (200, 201)) -> bool:
    """True for a won save, False for the clean refusal; anything else fails the test."""
    assert response.status_code < 500, (response.status_code, response.content[:500])
    if response.status_code in won:
        return True
    assert response.status_code == 409, (response.status_code, response.content[:500])
    assert "in the meantime" in response.json()["detail"], response.json()
    return False
