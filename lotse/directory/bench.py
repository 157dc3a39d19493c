"""Timing the directory's filtered search as the list page runs it. No Django views: the
queries (count, one page with provider, life areas and locations, distances) only."""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db import connection

from lotse.directory.geo import Origin, distances
from lotse.directory.models import PostcodeArea, Service, ServiceKind, ServiceLocation
from lotse.directory.search import ServiceFilters, Verified, for_display, search_services
from lotse.directory.views.listing import PAGE_SIZE
from lotse.synth.bench.stats import percentile

LIFE_AREAS = ("language", "education", "work", "health", "housing", "family", "residence")
LANGUAGES = ("ar", "fa", "uk", "tr", "ru", "prs", "ti", "en")
WORDS = ("Familien", "Jugendliche", "Frauen", "Geflüchtete", "Erwachsene", "Duldung")
NAMES = ("Sprachkurs", "Beratung", "Coaching", "Kita", "Integrationskurs", "Klasse")


@dataclass(frozen=True)
class Drawn:
    filters: ServiceFilters
    origin: Origin | None


def draw(rng: random.Random, places: list[str], postcodes: list[tuple[str, float, float]]) -> Drawn:
    """One to three filters as a case manager combines them; sometimes distances too."""
    options: dict[str, Any] = {}
    choices = ["kind", "life_area", "language", "place", "target_group", "free_places", "q"]
    for name in rng.sample(choices, k=rng.randint(1, 3)):
        if name == "kind":
            options["kind"] = rng.choice(ServiceKind.values)
        elif name == "life_area":
            options["life_area"] = rng.choice(LIFE_AREAS)
        elif name == "language":
            options["language"] = rng.choice(LANGUAGES)
        elif name == "place" and places:
            options["place"] = rng.choice(places)
        elif name == "target_group":
            options["target_group"] = rng.choice(WORDS)
        elif name == "free_places":
            options["free_places"] = True
        elif name == "q":
            options["q"] = rng.choice(NAMES)
    options["verified"] = Verified.ALL if rng.random() < 0.3 else Verified.CURRENT
    origin = None
    if postcodes and rng.random() < 0.5:
        code, lat, lon = rng.choice(postcodes)
        origin = Origin(person_id=0, postcode=code, point=(lat, lon))
    return Drawn(ServiceFilters(**options), origin)


def run_once(drawn: Drawn) -> tuple[int, int]:
    """The list page's database work: (matches, queries)."""
    before = len(connection.queries)
    services = search_services(drawn.filters)
    page = Paginator(for_display(services), PAGE_SIZE).get_page(1)
    rows = list(page)
    locations = [loc for service in rows for loc in service.locations.all()]
    distances(drawn.origin, locations)
    return page.paginator.count, len(connection.queries) - before


@dataclass
class Result:
    services: int
    locations: int
    queries: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    median_matches: int
    sql_per_search: int
    load_average: tuple[float, float, float]
    vendor: str


def measure(queries: int, warmup: int, seed: int) -> Result:
    rng = random.Random(f"bench-directory:{seed}")  # noqa: S311 (sampling)
    places = sorted(set(ServiceLocation.objects.values_list("place", flat=True)))
    postcodes = [
        (code, float(lat), float(lon))
        for code, lat, lon in PostcodeArea.objects.values_list("postcode", "latitude", "longitude")
    ]
    timings: list[float] = []
    matches: list[int] = []
    sql = 0
    from django.test.utils import CaptureQueriesContext

    for i in range(warmup + queries):
        drawn = draw(rng, places, postcodes)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            count, _n = run_once(drawn)
            elapsed = (time.perf_counter() - started) * 1000
        if i < warmup:
            continue
        timings.append(elapsed)
        matches.append(count)
        sql = max(sql, len(captured.captured_queries))
    return Result(
        services=Service.objects.count(),
        locations=ServiceLocation.objects.count(),
        queries=len(timings),
        p50_ms=round(percentile(timings, 50), 1),
        p95_ms=round(percentile(timings, 95), 1),
        max_ms=round(max(timings), 1),
        median_matches=int(percentile(matches, 50)),
        sql_per_search=sql,
        load_average=os.getloadavg(),
        vendor=connection.vendor,
    )
