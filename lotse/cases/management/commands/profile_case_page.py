"""Profile the case page in-process: queries, Python function calls and time per page.

Function calls are counted with a profile hook: unlike time on a shared
machine they are the same on every run, so they show what a change saves.
The time and CPU figures come from separate rounds without the hook.
"""

import statistics
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from lotse.cases.choices import Phase
from lotse.cases.models import Case
from lotse.core.heap import settle
from lotse.synth.bench.runner import bench_user
from lotse.synth.bench.transport import DjangoClientTransport


class _Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, frame: Any, event: str, arg: Any) -> None:
        if event in ("call", "c_call"):
            self.calls += 1


def page_cost(transport: DjangoClientTransport, path: str) -> tuple[int, int]:
    """(queries, Python function calls) of one request."""
    queries = 0

    def count(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    counter = _Counter()
    with connection.execute_wrapper(count):
        sys.setprofile(counter)
        try:
            response = transport.client.get(path)
        finally:
            sys.setprofile(None)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}.")
    return queries, counter.calls


class Command(BaseCommand):
    help = (
        "Profile the case page as a case manager: queries and Python function calls per "
        "page, then the median time over many requests. Writes a read entry to the audit "
        "trail per request: use a benchmark database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", default="", help="Username (default: busiest manager).")
        parser.add_argument(
            "--cases", default="", help="Comma-separated case ids (default: the user's newest)."
        )
        parser.add_argument("--count", type=int, default=12, help="Cases when not given.")
        parser.add_argument(
            "--repeat", type=int, default=10, help="Timed rounds over the cases (0: none)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = bench_user(options["user"])
        cases = [int(pk) for pk in options["cases"].split(",") if pk.strip()]
        if not cases:
            cases = list(
                Case.objects.filter(managers=user)
                .exclude(phase=Phase.CLOSED)
                .order_by("-opened_on", "-id")
                .values_list("id", flat=True)[: options["count"]]
            )
        if not cases:
            raise CommandError(f"{user.username} has no open case.")
        transport = DjangoClientTransport(user)
        try:
            self._run(transport, [f"/cases/{pk}/" for pk in cases], options["repeat"])
        finally:
            transport.close()

    def _run(self, transport: DjangoClientTransport, paths: list[str], repeat: int) -> None:
        settle()  # as the production server does before its first request
        for path in paths:  # warm up: templates, URL resolver, memberships
            transport.client.get(path)
        costs = [page_cost(transport, path) for path in paths]
        for path, (queries, calls) in zip(paths, costs, strict=True):
            self.stdout.write(f"{path}: {queries} queries, {calls} function calls")
        self.stdout.write(
            f"Mean over {len(paths)} pages: {statistics.mean(q for q, _c in costs):.1f} queries, "
            f"{statistics.mean(c for _q, c in costs):.0f} function calls."
        )
        if repeat < 1:
            return
        millis = []
        cpu_start = time.process_time()
        for _round in range(repeat):
            for path in paths:
                start = time.perf_counter()
                transport.client.get(path)
                millis.append((time.perf_counter() - start) * 1000)
        cpu = (time.process_time() - cpu_start) * 1000 / len(millis)
        self.stdout.write(
            f"{len(millis)} requests: median {statistics.median(millis):.1f} ms, "
            f"this process's CPU {cpu:.1f} ms per request."
        )
