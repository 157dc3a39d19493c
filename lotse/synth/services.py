"""Synthetic service directory (lotse.directory): the district's offers with waits and gaps.

Reads the organisations and towns already written (any synthetic district) and
adds services offered by them, each with one to three locations in the towns.
Towns get invented postcode centroids around an invented district centre, so
distances have something to measure; nothing here places a real town. About
one entry in five was last verified more than six months ago (stale), and
school places and integration courses are mostly full, as in the field.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotse.cases.models import LifeArea, ensure_default_life_areas
from lotse.directory.models import PostcodeArea, Service, ServiceLocation
from lotse.network.models import Organisation
from lotse.synth.district import STREETS, slug

CHUNK = 2_000
# (kind, name pattern, life areas, target groups, languages, capacity range, share full)
KINDS: list[
    tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[int, int], float]
] = [
    (
        "language_course",
        "Sprachkurs {level}",
        ("language",),
        ("Erwachsene", "Frauen mit Kinderbetreuung", "Jugendliche ab 16"),
        ("de", "ar", "fa", "uk", "tr"),
        (12, 25),
        0.5,
    ),
    (
        "integration_course",
        "Integrationskurs {level}",
        ("language", "orientation"),
        ("Erwachsene mit Berechtigung nach § 44 AufenthG", "Eltern", "Alphabetisierung"),
        ("de", "ar", "uk"),
        (16, 25),
        0.7,
    ),
    (
        "migration_counselling",
        "Migrationsberatung für Erwachsene",
        ("orientation", "livelihood", "residence"),
        ("Erwachsene ab 27",),
        ("de", "ar", "fa", "ru", "uk", "tr"),
        (40, 120),
        0.3,
    ),
    (
        "youth_migration",
        "Jugendmigrationsdienst",
        ("education", "work", "orientation"),
        ("Junge Menschen 12-27",),
        ("de", "ar", "prs", "uk"),
        (30, 80),
        0.3,
    ),
    (
        "school_placement",
        "Internationale Vorbereitungsklasse",
        ("education",),
        ("Schulpflichtige 10-16", "Seiteneinsteiger"),
        ("de",),
        (15, 20),
        0.85,
    ),
    (
        "day_care",
        "Kita-Plätze für neu Zugewanderte",
        ("family", "education"),
        ("Kinder 1-6", "Familien"),
        ("de", "ar", "uk"),
        (5, 20),
        0.8,
    ),
    (
        "health",
        "Psychosoziale Beratung",
        ("health",),
        ("Geflüchtete mit Belastungen", "Familien"),
        ("de", "ar", "fa", "ku"),
        (10, 40),
        0.6,
    ),
    (
        "recognition",
        "Anerkennungsberatung",
        ("work", "education"),
        ("Menschen mit ausländischem Abschluss",),
        ("de", "en", "ar", "ru"),
        (20, 60),
        0.2,
    ),
    (
        "job_coaching",
        "Job-Coaching",
        ("work",),
        ("Arbeitsuchende", "Frauen", "Menschen mit Duldung"),
        ("de", "ar", "fa", "ti"),
        (10, 30),
        0.4,
    ),
    (
        "housing",
        "Wohnraumberatung",
        ("housing",),
        ("Menschen in Gemeinschaftsunterkünften", "Familien"),
        ("de", "ar", "uk"),
        (20, 60),
        0.5,
    ),
    (
        "legal_advice",
        "Asyl- und Aufenthaltsrechtsberatung",
        ("residence",),
        ("Geflüchtete", "Menschen mit Duldung"),
        ("de", "ar", "fa", "fr"),
        (10, 30),
        0.5,
    ),
    (
        "mentoring",
        "Ehrenamtliche Patenschaften",
        ("participation", "orientation"),
        ("Familien", "Jugendliche", "Alleinstehende"),
        ("de", "en", "ar"),
        (5, 30),
        0.3,
    ),
]
LEVELS = ("A1", "A2", "B1", "B2", "C1", "Alpha", "Abendkurs", "mit Kinderbetreuung")
HOURS = ("Mo-Fr 9-12", "Di und Do 14-17", "Mo, Mi 8:30-12:30", "nach Vereinbarung", "Mo-Do 9-15")
ACCESS = ("stufenlos erreichbar", "Aufzug vorhanden", "2. OG ohne Aufzug", "barrierefreies WC", "")
# The providers of services: offices and welfare organisations, not the coordinating office.
PROVIDER_KINDS = (
    "welfare_organisation",
    "town_office",
    "district_office",
    "youth_office",
    "school_office",
    "job_centre",
    "employment_agency",
)


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"lotse-synth:{seed}:directory:{part}")  # noqa: S311 (synthetic)


def place_towns(seed: int) -> dict[str, tuple[str, Decimal, Decimal]]:
    """Invented centroids for the towns of the organisations: postcode -> (place, lat, lon)."""
    towns = sorted(set(Organisation.objects.exclude(postcode="").values_list("postcode", "place")))
    rng = _rng(seed, "towns")
    centre = (51.5 + rng.random(), 7.0 + 2 * rng.random())
    placed: dict[str, tuple[str, Decimal, Decimal]] = {}
    for postcode, place in towns:
        # Within about 25 km of the centre: a district's size.
        angle, radius = rng.uniform(0, 2 * math.pi), rng.uniform(0, 0.22)
        lat = centre[0] + radius * math.sin(angle)
        lon = centre[1] + radius * math.cos(angle) * 1.6
        placed[postcode] = (place, Decimal(f"{lat:.5f}"), Decimal(f"{lon:.5f}"))
    existing = set(PostcodeArea.objects.values_list("postcode", flat=True))
    PostcodeArea.objects.bulk_create(
        PostcodeArea(postcode=code, place=place, latitude=lat, longitude=lon)
        for code, (place, lat, lon) in placed.items()
        if code not in existing
    )
    return placed


def write_services(
    count: int,
    *,
    seed: int = 1,
    today: datetime.date | None = None,
    progress: Callable[[str], object] = print,
) -> int:
    """Add `count` services; returns how many were written (0 without providers)."""
    today = today or timezone.localdate()
    providers = list(
        Organisation.objects.filter(kind__in=PROVIDER_KINDS, is_active=True).order_by("id")
    )
    if not providers or count <= 0:
        return 0
    ensure_default_life_areas()
    towns = place_towns(seed)
    if not towns:
        towns = {"00000": ("Musterstadt", Decimal("51.9"), Decimal("7.6"))}
    codes = sorted(towns)
    areas = {a.code: a.pk for a in LifeArea.objects.all()}
    offset = Service.objects.count()
    rng = _rng(seed, f"services:{offset}")
    written = 0
    for start in range(0, count, CHUNK):
        size = min(CHUNK, count - start)
        with transaction.atomic():
            written += _chunk(rng, size, providers, towns, codes, areas, today)
        progress(f"services {written}/{count}")
    return written


def _chunk(
    rng: random.Random,
    size: int,
    providers: list[Organisation],
    towns: dict[str, tuple[str, Decimal, Decimal]],
    codes: list[str],
    areas: dict[str, int],
    today: datetime.date,
) -> int:
    services: list[Service] = []
    plans: list[tuple[tuple[str, ...], list[str]]] = []
    for _ in range(size):
        kind, pattern, life, groups, languages, (low, high), full = rng.choice(KINDS)
        provider = rng.choice(providers)
        capacity = rng.randint(low, high)
        is_full = rng.random() < full
        free = 0 if is_full else rng.randint(1, max(1, capacity // 3))
        # One in five not confirmed for more than six months: the stale flag has work to do.
        age = rng.randint(190, 700) if rng.random() < 0.2 else rng.randint(0, 170)
        chosen = ["de", *rng.sample(languages[1:], k=min(len(languages) - 1, rng.randint(0, 3)))]
        town_codes = rng.sample(codes, k=min(len(codes), rng.choice((1, 1, 1, 2, 3))))
        name = pattern.format(level=rng.choice(LEVELS))
        services.append(
            Service(
                provider=provider,
                name=f"{name} {towns[town_codes[0]][0]}",
                kind=kind,
                description=f"{name}: synthetisches Angebot von {provider.name}.",
                target_groups=rng.choice(groups),
                eligibility="Synthetische Zugangsvoraussetzungen." if rng.random() < 0.5 else "",
                languages=",".join(dict.fromkeys(chosen)),
                contact_name="Servicestelle",
                email=f"angebote@{slug(provider.name)}.example",
                phone=f"0{rng.randint(2000, 6999)} {rng.randint(100, 999)}-{rng.randint(0, 999):03d}",
                capacity=capacity,
                free_places=free,
                waiting_weeks=rng.randint(4, 26) if is_full else 0,
                last_verified_on=today - datetime.timedelta(days=age),
            )
        )
        plans.append((life, town_codes))
    Service.objects.bulk_create(services, batch_size=CHUNK)
    through = Service.life_areas.through
    links: list[Any] = []
    locations: list[ServiceLocation] = []
    for service, (life, town_codes) in zip(services, plans, strict=True):
        links += [through(service_id=service.pk, lifearea_id=areas[c]) for c in life if c in areas]
        for code in town_codes:
            place, lat, lon = towns[code]
            exact = rng.random() < 0.6
            locations.append(
                ServiceLocation(
                    service=service,
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                    postcode=code,
                    place=place,
                    # Some locations carry their own point near the town's centre, the rest only a postcode.
                    latitude=lat + Decimal(f"{rng.uniform(-0.01, 0.01):.5f}") if exact else None,
                    longitude=lon + Decimal(f"{rng.uniform(-0.01, 0.01):.5f}") if exact else None,
                    accessibility=rng.choice(ACCESS),
                    opening_hours=rng.choice(HOURS),
                )
            )
    through.objects.bulk_create(links, batch_size=CHUNK)
    ServiceLocation.objects.bulk_create(locations, batch_size=CHUNK)
    return len(services)
