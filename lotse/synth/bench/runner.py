"""The page benchmark: a case manager's case lists and person pages.

The manager is the one with the most open cases (the heaviest realistic
user) unless a username is given. Case lists are walked like a user walks
them: first page of a filter, then the "next" links (keyset or page numbers,
whatever the page offers). Person pages are drawn from the persons visible
to the manager, half from the manager's own cases.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.management.base import CommandError
from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from lotse.accounts.models import User
from lotse.cases.choices import Phase
from lotse.cases.models import Case, CaseManagerAssignment
from lotse.people.models import Person
from lotse.synth.bench.stats import Summary, summarise
from lotse.synth.bench.transport import Transport

_NEXT_LINK = re.compile(r"<a\s[^>]*rel=\"next\"[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"href=\"([^\"]*)\"", re.IGNORECASE)
# Deep pages of the organisation's list matter more than deep pages of one's own.
SCOPES = (("mine", 6), ("owned", 25))
PHASES = [p for p in Phase.values if p != Phase.CLOSED] + ["open"]


class NoCaseManager(Exception):
    pass


def busiest_case_manager() -> User:
    top = (
        CaseManagerAssignment.objects.exclude(case__phase=Phase.CLOSED)
        .filter(user__memberships__role="case_manager", user__is_active=True)
        .values("user_id")
        .annotate(open_cases=Count("id"))
        .order_by("-open_cases", "user_id")
        .first()
    )
    if top is None:
        raise NoCaseManager("No case manager with open cases: run `lotse synth` first.")
    return User.objects.get(pk=top["user_id"])


def bench_user(username: str | None) -> User:
    """The benchmark's user: the one named, else the busiest case manager.

    A CommandError names what is missing, for the bench commands' --user.
    """
    if username:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
    try:
        return busiest_case_manager()
    except NoCaseManager as exc:
        raise CommandError(str(exc)) from None


def next_link(body: str, current: str) -> str | None:
    tag = _NEXT_LINK.search(body)
    if tag is None:
        return None
    href = _HREF.search(tag.group(0))
    if href is None:
        return None
    target = html.unescape(href.group(1))
    if target.startswith("?"):
        return current.split("?", 1)[0] + target
    return target


def person_url(pk: int) -> str:
    try:
        return reverse("people:detail", args=[pk])
    except NoReverseMatch:
        return f"/people/{pk}/"


def sample_persons(user: User, count: int, rng: random.Random) -> list[int]:
    own = list(
        Case.objects.filter(managers=user).values_list("person_id", flat=True).distinct()[:5000]
    )
    visible = list(Person.objects.visible_to(user).values_list("id", flat=True)[:200_000])
    if not visible:
        return []
    own = own or visible
    return [rng.choice(own) if i % 2 == 0 else rng.choice(visible) for i in range(count)]


@dataclass
class Measured:
    millis: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def add(self, status: int, millis: float, queries: int) -> None:
        self.millis.append(millis)
        self.queries.append(queries)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status != 200:
            self.errors += 1


def case_list_walk(rng: random.Random, scope: str, depth: int) -> Iterator[tuple[str, int]]:
    """(first page url, how many next links to follow), forever."""
    base = reverse("cases:list")
    while True:
        phase = rng.choice(PHASES)
        yield f"{base}?{urlencode({'scope': scope, 'phase': phase})}", rng.randint(0, depth)


@dataclass
class BenchResult:
    user: User
    summaries: list[Summary]
    statuses: dict[str, dict[int, int]]
    # The slowest requests (milliseconds, url), to find the query to look at.
    slowest: list[tuple[float, str]]


def _walk_case_lists(
    transport: Transport,
    rng: random.Random,
    requests: int,
    warmup: int,
    timings: list[tuple[float, str]],
) -> dict[str, Measured]:
    """Half the requests walk the manager's own cases, half the organisation's."""
    by_scope: dict[str, Measured] = {}
    for n, (scope, max_depth) in enumerate(SCOPES):
        measured = by_scope[scope] = Measured()
        budget = requests // len(SCOPES) + (1 if n < requests % len(SCOPES) else 0)
        warm = warmup if n == 0 else 0
        walks = case_list_walk(rng, scope, max_depth)
        url, depth = next(walks)
        for i in range(warm + budget):
            response = transport.get(url)
            if i >= warm:
                measured.add(response.status, response.millis, response.queries)
                timings.append((response.millis, url))
            following = next_link(response.body, url) if depth > 0 else None
            if following:
                url, depth = following, depth - 1
            else:
                url, depth = next(walks)
    return by_scope


def _visit_persons(
    transport: Transport,
    user: User,
    rng: random.Random,
    requests: int,
    warmup: int,
    timings: list[tuple[float, str]],
) -> Measured:
    measured = Measured()
    for i, pk in enumerate(sample_persons(user, warmup + requests, rng)):
        url = person_url(pk)
        response = transport.get(url)
        if i >= warmup:
            measured.add(response.status, response.millis, response.queries)
            timings.append((response.millis, url))
    return measured


def run(
    transport: Transport,
    user: User,
    *,
    requests: int,
    seed: int = 1,
    warmup: int = 5,
    progress: Callable[[str], Any] | None = None,
) -> BenchResult:
    rng = random.Random(seed)  # noqa: S311 (choosing pages, not secrets)
    timings: list[tuple[float, str]] = []
    by_scope = _walk_case_lists(transport, rng, requests, warmup, timings)
    if progress:
        progress(f"case lists: {requests} requests done")
    people = _visit_persons(transport, user, rng, requests, warmup, timings)
    if progress:
        progress(f"person pages: {len(people.millis)} requests done")
    lists = Measured()
    for measured in by_scope.values():
        lists.millis += measured.millis
        lists.queries += measured.queries
        lists.errors += measured.errors
        for status, count in measured.statuses.items():
            lists.statuses[status] = lists.statuses.get(status, 0) + count
    summaries = [summarise("case list", lists.millis, lists.queries, lists.errors)]
    summaries += [
        summarise(f"case list ({scope})", m.millis, m.queries, m.errors)
        for scope, m in by_scope.items()
        if m.millis
    ]
    if people.millis:
        summaries.append(summarise("person page", people.millis, people.queries, people.errors))
    return BenchResult(
        user=user,
        summaries=summaries,
        statuses={"case list": lists.statuses, "person page": people.statuses},
        slowest=sorted(timings, reverse=True)[:5],
    )
