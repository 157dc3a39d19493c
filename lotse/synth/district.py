"""The organisations of one synthetic district: offices, its towns, welfare organisations.

Pure: builds a plan from a random generator; `lotse.synth.organisations`
writes it. Addresses are invented (streets from a list of common German
street names, postcodes from a made-up range, domains under `.example`),
so no real office is imitated.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Schulstraße",
    "Gartenstraße",
    "Dorfstraße",
    "Kirchstraße",
    "Lindenstraße",
    "Bergstraße",
    "Waldstraße",
    "Ringstraße",
    "Mühlenweg",
    "Am Markt",
    "Rosenweg",
    "Birkenweg",
    "Friedhofstraße",
    "Goethestraße",
    "Schillerstraße",
    "Wiesenweg",
    "Industriestraße",
    "Am Sportplatz",
    "Parkstraße",
    "Feldstraße",
    "Sonnenstraße",
    "Kastanienallee",
)
_TOWN_HEADS = (
    "Ahlen",
    "Birken",
    "Eichen",
    "Linden",
    "Weiden",
    "Mühl",
    "Stein",
    "Tann",
    "Rosen",
    "Hasel",
    "Buchen",
    "Erlen",
    "Sonnen",
    "Wester",
    "Oster",
    "Norder",
)
_TOWN_TAILS = ("bach", "feld", "hausen", "dorf", "heim", "berg", "stedt", "brück", "au", "hagen")

# Where cases are owned (case management): the district's own KIM team, the
# towns, and the migration services of the welfare organisations.
WELFARE_ORGANISATIONS = (
    ("caritas", "Caritasverband {district}", 0.14),
    ("diakonie", "Diakonie {district}", 0.10),
    ("drk", "DRK-Kreisverband {district}", 0.10),
    ("awo", "AWO {district}", 0.06),
)
DISTRICT_CASE_SHARE = 0.25
TOWNS_CASE_SHARE = 0.35


@dataclass(frozen=True)
class Town:
    name: str
    postcode: str
    # Relative size: how many of the district's people live here.
    weight: float


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    kind: str
    legal_areas: tuple[str, ...]
    parent_key: str | None
    street: str
    postcode: str
    place: str
    email: str
    phone: str
    # Share of the district's cases this organisation owns (0: takes part only).
    case_share: float = 0.0
    town: str = ""


@dataclass(frozen=True)
class DistrictPlan:
    name: str
    towns: tuple[Town, ...]
    organisations: tuple[OrgSpec, ...] = field(default=())

    def by_key(self, key: str) -> OrgSpec:
        for org in self.organisations:
            if org.key == key:
                return org
        raise KeyError(key)

    @property
    def case_owners(self) -> tuple[OrgSpec, ...]:
        return tuple(o for o in self.organisations if o.case_share > 0)


def slug(text: str) -> str:
    ascii_text = (
        text.replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ü", "ue")
        .replace("Ä", "Ae")
        .replace("Ö", "Oe")
        .replace("Ü", "Ue")
        .replace("ß", "ss")
    )
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _towns(rng: random.Random) -> tuple[Town, ...]:
    count = rng.randint(4, 8)
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(_TOWN_HEADS) + rng.choice(_TOWN_TAILS)
        if name not in names:
            names.append(name)
    first_postcode = rng.randrange(32000, 59000, 100)
    towns = []
    for i, name in enumerate(names):
        # The district seat comes first and is the largest town.
        weight = 3.0 if i == 0 else rng.uniform(0.6, 2.0)
        towns.append(Town(name=name, postcode=f"{first_postcode + 20 * i:05d}", weight=weight))
    return tuple(towns)


def make_district(rng: random.Random, name: str) -> DistrictPlan:
    towns = _towns(rng)
    seat = towns[0]
    domain = f"{slug(name)}.example"

    def office(
        key: str,
        org_name: str,
        kind: str,
        areas: tuple[str, ...],
        *,
        parent: str | None = "district",
        town: Town = seat,
        share: float = 0.0,
        mail: str = "",
    ) -> OrgSpec:
        return OrgSpec(
            key=key,
            name=org_name,
            kind=kind,
            legal_areas=areas,
            parent_key=parent,
            street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postcode=town.postcode,
            place=town.name,
            email=f"{mail or slug(key)}@{domain}",
            phone=f"0{rng.randint(2000, 6999)} {rng.randint(100, 999)}-{rng.randint(0, 999):03d}",
            case_share=share,
            town=town.name,
        )

    district = name
    orgs = [
        office(
            "district",
            f"Kreisverwaltung {district}",
            "district_office",
            ("other",),
            parent=None,
            share=DISTRICT_CASE_SHARE,
            mail="kreisverwaltung",
        ),
        office(
            "coordination",
            f"Kommunales Integrationszentrum {district}",
            "coordinating_office",
            ("other",),
            mail="ki",
        ),
    ]
    total_weight = sum(t.weight for t in towns)
    for i, town in enumerate(towns):
        orgs.append(
            office(
                f"town:{i}",
                f"Stadt {town.name}",
                "town_office",
                ("other",),
                town=town,
                share=TOWNS_CASE_SHARE * town.weight / total_weight,
                mail=f"stadt-{slug(town.name)}",
            )
        )
    orgs += [
        office("jobcentre", f"Jobcenter {district}", "job_centre", ("sgb2",), parent=None),
        office(
            "employment_agency",
            f"Agentur für Arbeit {seat.name}",
            "employment_agency",
            ("sgb3",),
            parent=None,
            mail="agentur",
        ),
        office("social", f"Sozialamt {district}", "social_office", ("sgb12", "asylblg")),
        office("immigration", f"Ausländerbehörde {district}", "immigration_office", ("aufenthg",)),
        office(
            "naturalisation",
            f"Einbürgerungsbehörde {district}",
            "naturalisation_office",
            ("stag",),
        ),
        office("youth", f"Jugendamt {district}", "youth_office", ("sgb8",)),
        office("school", f"Schulamt {district}", "school_office", ("school",)),
    ]
    for key, pattern, share in WELFARE_ORGANISATIONS:
        orgs.append(
            office(
                key,
                pattern.format(district=district),
                "welfare_organisation",
                ("counselling",),
                parent=None,
                town=rng.choice(towns),
                share=share,
            )
        )
    return DistrictPlan(name=name, towns=towns, organisations=tuple(orgs))
