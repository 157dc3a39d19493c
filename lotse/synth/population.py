"""Households of synthetic people with their details, cases and grants, as row tuples. Pure.

One chunk is drawn from its own random generator, so a chunk's content does
not depend on how many came before it, only its ids do.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from lotse.names import VariantDictionary, name_key_rows
from lotse.synth import names, tables
from lotse.synth.casework import DAY, CaseContext, CaseDrawer, CaseWork, Ids
from lotse.synth.district import STREETS, DistrictPlan, Town, slug
from lotse.synth.draw import Weighted, between, pick
from lotse.synth.grants import person_grant_rows
from lotse.synth.residence import person_rng, status_rows
from lotse.synth.tables import Table

GERMAN_LEVELS = Weighted(
    [
        ("none", 0.08),
        ("A1", 0.22),
        ("A2", 0.22),
        ("B1", 0.24),
        ("B2", 0.14),
        ("C1", 0.08),
        ("C2", 0.02),
    ]
)
ACCOMMODATIONS = ("Gemeinschaftsunterkunft", "Übergangswohnheim", "Notunterkunft")
MESSENGERS = ("WhatsApp", "Signal", "Telegram")
# The Bundesnetzagentur keeps 030 23125 000-999 free for fiction: no real line rings.
FICTION_PHONE = "+49 30 23125"
ADULT_RELATIONSHIPS = frozenset({"head", "spouse", "parent"})

Rows = dict[Table, list[tuple[Any, ...]]]


@dataclass
class PopulationContext:
    today: datetime.date
    plan: DistrictPlan
    org_ids: dict[str, int]
    # Case managers by the plan key of their organisation.
    managers: dict[str, list[int]]
    text_id: int
    # The name-variant dictionary the search keys are computed with (curated when None).
    variants: VariantDictionary | None = None

    def __post_init__(self) -> None:
        self.town_weights = Weighted([(t.name, t.weight) for t in self.plan.towns])
        self.towns = {t.name: t for t in self.plan.towns}
        self.town_office = {
            o.town: o.key for o in self.plan.organisations if o.kind == "town_office"
        }
        self.other_owners = Weighted(
            [(o.key, o.case_share) for o in self.plan.case_owners if o.kind != "town_office"]
        )
        self.town_share = sum(
            o.case_share for o in self.plan.case_owners if o.kind == "town_office"
        )
        self.case_context = CaseContext(
            today=self.today, org_ids=self.org_ids, text_id=self.text_id
        )


def _age(born: datetime.date | None, today: datetime.date, relationship: str) -> int:
    if born is None:
        # Unknown birth date: only the household role hints at the age.
        return 35 if relationship in ADULT_RELATIONSHIPS else 12
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(8, 0), tzinfo=datetime.UTC)


class PopulationDrawer:
    def __init__(self, ctx: PopulationContext, ids: Ids) -> None:
        self.ctx = ctx
        self.ids = ids
        self.status_seed = 0

    def chunk(self, rng: random.Random, persons: int) -> Rows:
        rows: Rows = defaultdict(list)
        # Read, not drawn: the status histories must not shift any other draw.
        self.status_seed = hash(rng.getstate()[1][:8])
        cases = CaseDrawer(rng, self.ctx.case_context, self.ids)
        drawn = 0
        while drawn < persons:
            members = names.make_household(rng, today=self.ctx.today)[: persons - drawn]
            self._household(rng, cases, members, rows)
            drawn += len(members)
        return rows

    def _owner(self, rng: random.Random, town: Town) -> str:
        if rng.random() < self.ctx.town_share:
            return self.ctx.town_office[town.name]
        return self.ctx.other_owners.draw(rng)

    def _household(
        self,
        rng: random.Random,
        cases: CaseDrawer,
        members: list[tuple[names.SyntheticIdentity, str]],
        rows: Rows,
    ) -> None:
        ctx, today = self.ctx, self.ctx.today
        town = ctx.towns[ctx.town_weights.draw(rng)]
        owner_key = self._owner(rng, town)
        staff = ctx.managers[owner_key]
        lead = pick(rng, staff)
        others = [m for m in staff if m != lead]
        managers = [lead, pick(rng, others)] if others else [lead]
        owner_id = ctx.org_ids[owner_key]
        arrived = today - between(rng, 30, 8 * 365) * DAY
        household_id = self.ids.take("household")
        rows[tables.HOUSEHOLD].append(
            (household_id, f"Familie {members[0][0].family_name}", _at(arrived))
        )
        street = f"{pick(rng, STREETS)} {between(rng, 1, 150)}"
        care_of = ""
        if rng.random() < 0.2:
            care_of = f"{pick(rng, ACCOMMODATIONS)} {town.name}"
        earlier = None
        if rng.random() < 0.15:
            earlier_town = ctx.towns[ctx.town_weights.draw(rng)]
            earlier = (f"{pick(rng, STREETS)} {between(rng, 1, 150)}", earlier_town)
        for identity, relationship in members:
            person_id = self.ids.take("person")
            age = _age(identity.birth_date, today, relationship)
            self._person(rng, person_id, identity, owner_id, lead, arrived, rows)
            rows[tables.MEMBER].append((household_id, person_id, relationship, arrived, None))
            rows[tables.STATUS] += status_rows(
                person_rng(self.status_seed, person_id), person_id, arrived, today, _at(arrived)
            )
            rows[tables.ADDRESS].append(
                (person_id, street, town.postcode, town.name, care_of, arrived, None)
            )
            if earlier is not None:
                first = arrived - between(rng, 180, 900) * DAY
                rows[tables.ADDRESS].append(
                    (
                        person_id,
                        earlier[0],
                        earlier[1].postcode,
                        earlier[1].name,
                        "",
                        first,
                        arrived - DAY,
                    )
                )
            if age >= 16:
                self._contacts(rng, person_id, identity, rows)
            work = CaseWork()
            if age >= 18:
                language, needs_interpreter = self._languages(rng, person_id, identity, rows)
                cases.draw(
                    person_id,
                    age=age,
                    owner_key=owner_key,
                    managers=managers,
                    language=language,
                    interpreter=needs_interpreter,
                    arrived=arrived,
                    work=work,
                )
                rows[tables.CASE] += work.cases
                rows[tables.MANAGER] += work.managers
                rows[tables.PARTICIPANT] += work.participants
                rows[tables.CONSENT] += work.consents
                rows[tables.RECIPIENT] += work.recipients
            else:
                self._languages(rng, person_id, identity, rows)
            self._identifiers(rng, person_id, identity, work.offices, rows)
            rows[tables.GRANT] += person_grant_rows(
                person_id, owner_id, work.case_owners, work.participations, work.consent_facts
            )

    def _person(
        self,
        rng: random.Random,
        person_id: int,
        identity: names.SyntheticIdentity,
        owner_id: int,
        created_by: int,
        arrived: datetime.date,
        rows: Rows,
    ) -> None:
        registered = arrived + between(rng, 0, 25) * DAY
        registered = min(registered, self.ctx.today)
        stamp = _at(registered)
        rows[tables.PERSON].append(
            (
                person_id,
                identity.given_names,
                identity.family_name,
                identity.birth_date,
                identity.birth_date_precision,
                identity.birth_date_placeholder,
                identity.sex,
                identity.birth_place,
                owner_id,
                created_by,
                stamp,
                stamp,
            )
        )
        script = names.COUNTRIES[identity.country].script
        for variant in identity.variants:
            original = variant.kind == "original_script"
            rows[tables.SPELLING].append(
                (
                    person_id,
                    variant.given_names,
                    variant.family_name,
                    variant.kind,
                    script if original else "Latn",
                    "Reisepass" if original else pick(rng, ("Ankunftsnachweis", "Jobcenter", "")),
                )
            )
        spelled = [(identity.given_names, identity.family_name)]
        spelled += [(v.given_names, v.family_name) for v in identity.variants]
        known = identity.birth_date is not None and identity.birth_date_precision != "unknown"
        year = identity.birth_date.year if known and identity.birth_date else 0
        rows[tables.NAME_KEY] += [
            (person_id, k.form, k.canon, k.fold, k.metaphone, k.cologne, k.skeleton, k.abjad, year)
            for k in name_key_rows(spelled, self.ctx.variants)
        ]
        rows[tables.NATIONALITY].append((person_id, identity.country))
        if rng.random() < 0.02:
            # Dual nationality after naturalisation (allowed since 2024).
            rows[tables.NATIONALITY].append((person_id, "DEU"))

    def _languages(
        self, rng: random.Random, person_id: int, identity: names.SyntheticIdentity, rows: Rows
    ) -> tuple[str, bool]:
        german = GERMAN_LEVELS.draw(rng)
        needs_interpreter = german in ("none", "A1") or (german == "A2" and rng.random() < 0.3)
        for i, language in enumerate(identity.languages):
            if language == "de":
                continue
            rows[tables.LANGUAGE].append(
                (person_id, language, "native" if i == 0 else "B2", needs_interpreter and i == 0)
            )
        rows[tables.LANGUAGE].append((person_id, "de", german, False))
        return identity.languages[0], needs_interpreter

    def _contacts(
        self, rng: random.Random, person_id: int, identity: names.SyntheticIdentity, rows: Rows
    ) -> None:
        phone = f"{FICTION_PHONE} {between(rng, 0, 999):03d}"
        if rng.random() < 0.85:
            rows[tables.CONTACT].append((person_id, "mobile", phone, ""))
            if rng.random() < 0.25:
                rows[tables.CONTACT].append((person_id, "messenger", phone, pick(rng, MESSENGERS)))
        if rng.random() < 0.35:
            local = f"{slug(identity.given_names.split()[0])}.{slug(identity.family_name)}"
            email = f"{local or 'kontakt'}{between(rng, 1, 99)}@example.org"
            rows[tables.CONTACT].append((person_id, "email", email, ""))

    def _identifiers(
        self,
        rng: random.Random,
        person_id: int,
        identity: names.SyntheticIdentity,
        offices: set[str],
        rows: Rows,
    ) -> None:
        # Values embed the person id, so they are unique per office and kind.
        org_ids = self.ctx.org_ids
        immigration = org_ids["immigration"]
        if rng.random() < 0.7:
            rows[tables.IDENTIFIER].append((person_id, "azr", f"{person_id:012d}", immigration))
        if identity.country in ("SYR", "AFG", "IRQ", "ERI", "SOM", "IRN") and rng.random() < 0.6:
            bamf = f"{person_id:08d}-{between(rng, 100, 999)}"
            rows[tables.IDENTIFIER].append((person_id, "bamf_file", bamf, immigration))
        if "jobcentre" in offices:
            customer = f"{between(rng, 100, 999)}D{person_id:08d}"
            rows[tables.IDENTIFIER].append(
                (person_id, "jobcentre_customer", customer, org_ids["jobcentre"])
            )
        if "social" in offices:
            rows[tables.IDENTIFIER].append(
                (person_id, "social_office_file", f"50.{person_id:09d}", org_ids["social"])
            )
