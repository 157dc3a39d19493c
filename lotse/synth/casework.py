"""Cases, managers, participating offices and consents of one adult. Pure.

Draws with the rates in `lotse.synth.rates`; ids come from the shared
counters in `Ids`, so rows of different tables point at each other before
anything is written.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from lotse.core.categories import to_mask
from lotse.synth import rates
from lotse.synth.draw import Weighted, between, pick
from lotse.synth.grants import ConsentFacts

DAY = datetime.timedelta(days=1)

SUMMARY_PARTS = (
    "Erstgespräch mit Sprachmittlung geführt.",
    "Unterstützung beim Antrag auf Bürgergeld.",
    "Sprachkurs (B1) gesucht, Warteliste.",
    "Anerkennung des Berufsabschlusses eingeleitet.",
    "Wohnungssuche, bisher Gemeinschaftsunterkunft.",
    "Kita-Platz für das jüngste Kind beantragt.",
    "Termin bei der Ausländerbehörde begleitet.",
    "Beratung zur Bleibeperspektive (§ 25b AufenthG).",
    "Praktikum in der Pflege vermittelt.",
    "Schulden: Kontakt zur Schuldnerberatung hergestellt.",
    "Hausarzt gefunden, Facharzttermin offen.",
    "Führerschein: Anerkennung geprüft.",
)
PURPOSES = {
    "jobcentre": "Abstimmung Leistungsbezug und Arbeitsvermittlung",
    "immigration": "Klärung der Bleibeperspektive",
    "social": "Sicherung des Lebensunterhalts",
    "employment_agency": "Berufsberatung und Anerkennung",
    "youth": "Hilfe für die Kinder der Familie",
    "naturalisation": "Vorbereitung der Einbürgerung",
    "school": "Schulanmeldung der Kinder",
}
WITNESSES = ("Dolmetscherin S. Haddad", "Kollegin M. Weber", "Kollege T. Richter")


@dataclass
class Ids:
    """Next free id per table whose ids the generator assigns."""

    person: int
    household: int
    case: int
    consent: int

    def take(self, name: str) -> int:
        value: int = getattr(self, name)
        setattr(self, name, value + 1)
        return value


@dataclass
class CaseWork:
    """Rows of one person's cases, and the facts the grant computation needs."""

    cases: list[tuple[Any, ...]] = field(default_factory=list)
    managers: list[tuple[Any, ...]] = field(default_factory=list)
    participants: list[tuple[Any, ...]] = field(default_factory=list)
    consents: list[tuple[Any, ...]] = field(default_factory=list)
    recipients: list[tuple[int, int]] = field(default_factory=list)
    case_owners: list[tuple[int, int]] = field(default_factory=list)
    # Participations that grant access: open cases only (a release lapses with its purpose).
    participations: list[tuple[int, int]] = field(default_factory=list)
    consent_facts: list[ConsentFacts] = field(default_factory=list)
    # Plan keys of the offices taking part in any open case (for identifiers).
    offices: set[str] = field(default_factory=set)


PROGRAMMES = Weighted(rates.PROGRAMMES)
PHASES_OPEN = Weighted(rates.PHASES_OPEN)
CLOSING_REASONS = Weighted(rates.CLOSING_REASONS)


@dataclass
class CaseContext:
    today: datetime.date
    org_ids: dict[str, int]
    text_id: int


def _days_ago(rng: random.Random, today: datetime.date, low: int, high: int) -> datetime.date:
    return today - between(rng, low, high) * DAY


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC)


class CaseDrawer:
    def __init__(self, rng: random.Random, ctx: CaseContext, ids: Ids) -> None:
        self.rng = rng
        self.ctx = ctx
        self.ids = ids

    def draw(
        self,
        person_id: int,
        *,
        age: int,
        owner_key: str,
        managers: list[int],
        language: str,
        interpreter: bool,
        arrived: datetime.date,
        work: CaseWork,
    ) -> None:
        rng, today = self.rng, self.ctx.today
        # No case opens before the person arrived in the district.
        here = (today - arrived).days
        if here > 3 * 365 and rng.random() < rates.EXTRA_CLOSED_CASE:
            opened = _days_ago(rng, today, 3 * 365, min(here, 6 * 365))
            closed = min(today, opened + between(rng, 90, 540) * DAY)
            self._case(person_id, owner_key, managers, opened, closed, age, work)
        opened = _days_ago(rng, today, 0, min(here, 4 * 365))
        closed_on = None
        if rng.random() < rates.CLOSED_SHARE:
            closed_on = min(today, opened + between(rng, 60, 720) * DAY)
        case_id = self._case(person_id, owner_key, managers, opened, closed_on, age, work)
        # Consent is explained in the person's language, with an interpreter if needed.
        explained = (language, f"Sprachmittlung ({language})" if interpreter else "")
        self._participants_and_consent(
            person_id, case_id, opened, closed_on is None, owner_key, managers, explained, work
        )

    def _case(
        self,
        person_id: int,
        owner_key: str,
        managers: list[int],
        opened: datetime.date,
        closed_on: datetime.date | None,
        age: int,
        work: CaseWork,
    ) -> int:
        rng = self.rng
        case_id = self.ids.take("case")
        owner_id = self.ctx.org_ids[owner_key]
        if owner_key in _WELFARE_KEYS and age < 27 and rng.random() < rates.JMD_SHARE_YOUNG:
            programme = "jmd"
        else:
            programme = PROGRAMMES.draw(rng)
        if closed_on is None:
            phase, reason = PHASES_OPEN.draw(rng), ""
        else:
            phase, reason = "closed", CLOSING_REASONS.draw(rng)
        summary = " ".join(rng.sample(SUMMARY_PARTS, between(rng, 1, 3)))
        stamp = _at(opened)
        work.cases.append(
            (
                case_id,
                person_id,
                owner_id,
                programme,
                phase,
                opened,
                closed_on,
                reason,
                summary,
                between(rng, 1, 6),
                stamp,
                _at(closed_on) if closed_on else stamp,
            )
        )
        work.case_owners.append((case_id, owner_id))
        lead = managers[0]
        work.managers.append((case_id, lead, True, opened))
        if len(managers) > 1 and rng.random() < 0.1:
            work.managers.append((case_id, managers[1], False, opened))
        return case_id

    def _participants_and_consent(
        self,
        person_id: int,
        case_id: int,
        opened: datetime.date,
        is_open: bool,
        owner_key: str,
        managers: list[int],
        explained: tuple[str, str],
        work: CaseWork,
    ) -> None:
        rng, today = self.rng, self.ctx.today
        keys = [k for k, p in rates.PARTICIPATION if k != owner_key and rng.random() < p]
        if "jobcentre" in keys and "social" in keys:
            # Basic income support (SGB II) and social assistance (SGB XII) exclude each other.
            keys.remove("social")
        if not keys:
            return
        lead = managers[0]
        for key in keys:
            added_on = min(today, opened + between(rng, 0, 60) * DAY)
            org_id = self.ctx.org_ids[key]
            work.participants.append((case_id, org_id, PURPOSES[key], added_on, lead))
            if is_open:
                work.participations.append((case_id, org_id))
                work.offices.add(key)
        if rng.random() >= rates.CONSENT_COVERS_PARTICIPANTS:
            return
        recipients = keys if rng.random() < 0.9 else rng.sample(keys, between(rng, 1, len(keys)))
        self._consent(person_id, case_id, opened, recipients, lead, explained, work)

    def _consent(
        self,
        person_id: int,
        case_id: int,
        opened: datetime.date,
        recipient_keys: list[str],
        recorded_by: int,
        explained: tuple[str, str],
        work: CaseWork,
    ) -> None:
        rng, today = self.rng, self.ctx.today
        consent_id = self.ids.take("consent")
        categories = {c for key in recipient_keys for c in rates.RELEASED_TO[key]}
        health = rng.random() < rates.HEALTH_RELEASED
        if health:
            categories.add("health")
        mask = to_mask(categories)
        given_on = min(today, opened + between(rng, 0, 30) * DAY)
        valid_until: datetime.date | None = None
        withdrawn_on: datetime.date | None = None
        note = ""
        draw = rng.random()
        age_days = (today - given_on).days
        if draw < rates.CONSENT_EXPIRED and age_days > 30:
            valid_until = given_on + between(rng, 1, age_days - 1) * DAY
        elif draw < rates.CONSENT_EXPIRED + rates.CONSENT_WITHDRAWN and age_days > 1:
            withdrawn_on = given_on + between(rng, 1, age_days) * DAY
            note = "Widerruf im Beratungsgespräch erklärt."
        elif rng.random() < 0.6:
            valid_until = today + between(rng, 30, 700) * DAY
        whole_person = rng.random() < rates.CONSENT_FOR_WHOLE_PERSON
        oral = rng.random() < 0.15
        recipients = frozenset(self.ctx.org_ids[k] for k in recipient_keys)
        work.consents.append(
            (
                consent_id,
                person_id,
                None if whole_person else case_id,
                self.ctx.text_id,
                "Abstimmung im Fallmanagement mit "
                + ", ".join(PURPOSES[k] for k in recipient_keys),
                mask,
                health,
                rng.random() < 0.95,
                "oral_witnessed" if oral else "written",
                pick(rng, WITNESSES) if oral else "",
                explained[0],
                explained[1],
                given_on,
                valid_until,
                withdrawn_on,
                note,
                "",
                recorded_by,
                _at(given_on),
            )
        )
        work.recipients += [(consent_id, org_id) for org_id in sorted(recipients)]
        work.consent_facts.append(
            ConsentFacts(
                id=consent_id,
                case_id=None if whole_person else case_id,
                recipients=recipients,
                mask=mask,
                given_on=given_on,
                valid_until=valid_until,
                withdrawn=withdrawn_on is not None,
            )
        )


_WELFARE_KEYS = frozenset({"caritas", "diakonie", "drk", "awo"})
