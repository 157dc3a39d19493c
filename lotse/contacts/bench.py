"""Benchmark of the case manager's commonest write: recording a contact from the case page.

The busiest case manager records contacts on their own open cases through the
same HTMX request the case page sends (the answer is the refreshed panel), and
opens case pages with the contact panel. Each request goes through the whole
stack; real HTTP by default. The contacts and their audit entries stay in the
database (the audit trail is append-only): run it on a benchmark database.
"""

from __future__ import annotations

import http.client
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lotse.cases.models import Case
from lotse.synth.bench.runner import Measured
from lotse.synth.bench.stats import Summary, summarise
from lotse.synth.bench.transport import DjangoClientTransport, HttpTransport, Response

HTMX = {"HX-Request": "true"}


def contact_form(rng: random.Random) -> dict[str, str]:
    return {
        "occurred_on": timezone.localdate().isoformat(),
        "channel": rng.choice(["in_person", "phone", "video", "home_visit", "message"]),
        "duration_minutes": str(rng.choice([15, 20, 30, 45, 60])),
        "note": "Benchmark: kurzer Kontakt zur Terminabstimmung.",
    }


class HttpPostTransport(HttpTransport):
    """Real HTTP, with the CSRF cookie and header a browser's HTMX request carries."""

    csrf: str = ""

    def post(self, path: str, data: dict[str, str]) -> Response:
        if not self.csrf:
            self._fetch_csrf(path)
        body = urlencode(data)
        headers = {
            "Cookie": f"{self.cookie}; {settings.CSRF_COOKIE_NAME}={self.csrf}",
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": self.csrf,
            # Django checks the origin of HTTPS requests only; kept like a browser's anyway.
            "Referer": f"http://127.0.0.1:{self.port}{path}",
            **HTMX,
        }
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        start = time.perf_counter()
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        millis = (time.perf_counter() - start) * 1000
        conn.close()
        return Response(
            response.status, millis, self.app.last_queries, content.decode(errors="replace")
        )

    def _fetch_csrf(self, path: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", path, headers={"Cookie": self.cookie, "Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith(settings.CSRF_COOKIE_NAME):
                self.csrf = value.split(";", 1)[0].split("=", 1)[1]
        conn.close()


class ClientPostTransport(DjangoClientTransport):
    def post(self, path: str, data: dict[str, str]) -> Response:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = self.client.post(path, data, headers=HTMX)
            millis = (time.perf_counter() - start) * 1000
        return Response(
            response.status_code,
            millis,
            len(queries.captured_queries),
            response.content.decode(errors="replace"),
        )


@dataclass
class ContactBenchResult:
    summaries: list[Summary]
    slowest: list[tuple[float, str]]


def run(
    transport: Any,
    user: Any,
    *,
    requests: int,
    seed: int = 1,
    warmup: int = 5,
    progress: Callable[[str], Any] | None = None,
) -> ContactBenchResult:
    rng = random.Random(seed)  # noqa: S311 (choosing cases, not secrets)
    cases = list(
        Case.objects.filter(managers=user).open().order_by("id").values_list("id", flat=True)
    )
    if not cases:
        raise ValueError(f"{user.username} manages no open case.")
    adds, pages = Measured(), Measured()
    timings: list[tuple[float, str]] = []
    for i in range(warmup + requests):
        case_id = rng.choice(cases)
        url = reverse("contacts:add", args=[case_id])
        response = transport.post(url, contact_form(rng))
        if i >= warmup:
            ok = response.status == 200 and "contacts-panel" in response.body
            adds.add(200 if ok else response.status or 599, response.millis, response.queries)
            timings.append((response.millis, f"POST {url}"))
        page_url = reverse("cases:detail", args=[rng.choice(cases)])
        page = transport.get(page_url)
        if i >= warmup:
            pages.add(page.status, page.millis, page.queries)
            timings.append((page.millis, page_url))
        if progress and (i + 1) % 50 == 0:
            progress(f"{i + 1} contacts added")
    return ContactBenchResult(
        summaries=[
            summarise("add contact (HTMX)", adds.millis, adds.queries, adds.errors),
            summarise("case page", pages.millis, pages.queries, pages.errors),
        ],
        slowest=sorted(timings, reverse=True)[:5],
    )
