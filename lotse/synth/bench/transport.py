"""Two ways to send the benchmark's requests through the whole Django stack.

`HttpTransport` starts Django's own WSGI server (the one `runserver` uses) on
a free local port in a thread and talks real HTTP over a socket to it:
request parsing, middleware, URL resolution, view, template, response.
`DjangoClientTransport` uses `django.test.Client`: the same middleware, URLs,
views and templates, without the socket; it works inside a test transaction.
Both count the database queries of each request.
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.heap import settle
from lotse.core.parallel import serve_interactive_queries
from lotse.testing.auth import login_verified

BENCH_DEVICE = "test"  # the name login_verified gives the device it creates


def _signed_in_client(user: Any) -> tuple[Client, bool]:
    """A client signed in with a verified second factor; True if a device was created."""
    existed = TOTPDevice.objects.filter(user=user, name=BENCH_DEVICE).exists()
    client = Client()
    login_verified(client, user)
    return client, not existed


def _sign_out(client: Client, user: Any, created_device: bool) -> None:
    # Leave the database as found: no bench session, no bench device.
    client.logout()
    if created_device:
        TOTPDevice.objects.filter(user=user, name=BENCH_DEVICE).delete()


@dataclass(frozen=True)
class Response:
    status: int
    millis: float
    queries: int
    body: str


class Transport(Protocol):
    def get(self, path: str) -> Response: ...

    def close(self) -> None: ...


class DjangoClientTransport:
    def __init__(self, user: Any) -> None:
        self.user = user
        self.client, self.created_device = _signed_in_client(user)

    def get(self, path: str) -> Response:
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = self.client.get(path)
            millis = (time.perf_counter() - start) * 1000
        return Response(
            response.status_code,
            millis,
            len(queries.captured_queries),
            response.content.decode(errors="replace"),
        )

    def close(self) -> None:
        _sign_out(self.client, self.user, self.created_device)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _CountingApp:
    """The Django WSGI application, counting each request's queries in the server thread."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()
        self.last_queries = 0
        settle()  # as lotse.wsgi does for the production server

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        count = 0

        def counter(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            result = self.handler(environ, start_response)
        self.last_queries = count
        return result


class HttpTransport:
    def __init__(self, user: Any) -> None:
        # Configured like `lotse serve`, whose pages it measures.
        serve_interactive_queries()
        self.app = _CountingApp()
        self.server = WSGIServer(("127.0.0.1", 0), _QuietHandler, ipv6=False)
        self.server.set_app(self.app)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        # The session is created like a sign-in with a verified second factor
        # would create it; the cookie then travels over HTTP like a browser's.
        self.user = user
        self.client, self.created_device = _signed_in_client(user)
        session_key = self.client.cookies[settings.SESSION_COOKIE_NAME].value
        self.cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"

    def get(self, path: str) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        start = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": self.cookie, "Host": "127.0.0.1"})
        response = conn.getresponse()
        body = response.read()
        millis = (time.perf_counter() - start) * 1000
        conn.close()
        return Response(
            response.status, millis, self.app.last_queries, body.decode(errors="replace")
        )

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        _sign_out(self.client, self.user, self.created_device)
