"""What the pathway modules share: the evaluation context, how each status kind
counts, and criteria that several pathways check the same way."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from lotse.pathways.facts import Facts, StatusPeriod
from lotse.pathways.periods import (
    GAP_TOLERANCE_MONTHS,
    Chain,
    Treatment,
    build_chain,
    completes,
    covers,
    german_duration,
    overlaps,
)
from lotse.pathways.result import DISCRETIONARY, MET, NOT_MET, UNKNOWN, Criterion

TOLERATED: Final = frozenset({"duldung", "duldung_60b"})
LAWFUL_OR_TOLERATED: Final = frozenset(
    {
        "gestattung",
        "duldung",
        "duldung_60b",
        "aufenthaltserlaubnis",
        "niederlassungserlaubnis",
        "blaue_karte",
    }
)
TITLES: Final = frozenset({"aufenthaltserlaubnis", "niederlassungserlaubnis", "blaue_karte"})
LIVELIHOOD_BENEFITS: Final = frozenset({"sgb2", "sgb12", "asylblg"})
KIND_NAMES: Final = {
    "gestattung": "Aufenthaltsgestattung",
    "duldung": "Duldung",
    "duldung_60b": "Duldung nach § 60b AufenthG",
    "aufenthaltserlaubnis": "Aufenthaltserlaubnis",
    "niederlassungserlaubnis": "Niederlassungserlaubnis",
    "blaue_karte": "Blaue Karte EU",
    "none": "kein erlaubter oder geduldeter Aufenthalt",
}
_PARAGRAPH = re.compile(r"^\s*§*\s*(\d+[a-z]?)\s*(?:abs(?:atz|\.)?\s*(\d+))?", re.IGNORECASE)


def paragraph_of(text: str | None) -> tuple[str, int | None] | None:
    """('25', 5) for '25 Abs. 5 AufenthG', ('104c', None) for '§ 104c AufenthG'."""
    if not text:
        return None
    match = _PARAGRAPH.match(text)
    if match is None:
        return None
    return match.group(1).lower(), int(match.group(2)) if match.group(2) else None


def is_104c_permit(period: StatusPeriod | None) -> bool:
    if period is None or period.kind != "aufenthaltserlaubnis":
        return False
    parsed = paragraph_of(period.paragraph)
    return parsed is not None and parsed[0] == "104c"


class Context:
    """One person on one day; chains are computed once and shared by the pathways."""

    __slots__ = ("_chains", "as_of", "current", "facts", "holds_104c")

    def __init__(self, facts: Facts, as_of: datetime.date) -> None:
        self.facts = facts
        self.as_of = as_of
        self.current: StatusPeriod | None = None
        # Periods are sorted and do not overlap: the current one is the last that started.
        for period in reversed(facts.status_periods):
            if period.start <= as_of:
                if period.end is None or period.end >= as_of:
                    self.current = period
                break
        self.holds_104c = is_104c_permit(self.current)
        self._chains: dict[tuple[str, datetime.date], Chain] = {}

    def chain(
        self,
        name: str,
        treatment: Callable[[StatusPeriod], Treatment],
        *,
        on: datetime.date | None = None,
        tolerance_months: int = GAP_TOLERANCE_MONTHS,
    ) -> Chain:
        day = on or self.as_of
        key = (name, day)
        chain = self._chains.get(key)
        if chain is None:
            chain = build_chain(
                self.facts.status_periods, treatment, day, tolerance_months=tolerance_months
            )
            self._chains[key] = chain
        return chain

    def current_kind_name(self) -> str:
        if self.current is None:
            return "kein Status eingetragen"
        return KIND_NAMES[self.current.kind]


# ---- how status kinds count -------------------------------------------------


def stay_treatment(holds_104c: bool) -> Callable[[StatusPeriod], Treatment]:
    """§§ 25a, 25b: tolerated, permitted or with a residence title. § 60b periods do
    not count (§ 60b Abs. 5 S. 1 AufenthG) except for holders of a § 104c permit."""

    def treat(period: StatusPeriod) -> Treatment:
        if period.kind == "duldung_60b":
            return Treatment.COUNT if holds_104c else Treatment.NEUTRAL
        return Treatment.COUNT if period.kind in LAWFUL_OR_TOLERATED else Treatment.BREAK

    return treat


def toleration_treatment(period: StatusPeriod) -> Treatment:
    """Periods 'im Besitz einer Duldung'; § 60b periods neither count nor break."""
    if period.kind == "duldung":
        return Treatment.COUNT
    return Treatment.NEUTRAL if period.kind == "duldung_60b" else Treatment.BREAK


# ---- shared criteria ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodRule:
    id: str
    years: int
    months: int
    source: str


def period_criterion(
    rule: PeriodRule, chain: Chain, *, time_based: bool = True, label: str = "", note: str = ""
) -> Criterion:
    """A qualifying period: '5 Jahre 7 Monate von 6 Jahren' with the day it completes;
    `label` goes before the figures, `note` after them."""
    required = rule.years * 12 + rule.months
    if not chain.stretches:
        reason = f"{label}keine anrechenbare Zeit; erforderlich {german_duration(required)}{note}"
        return Criterion(rule.id, NOT_MET, reason, rule.source, None, time_based)
    met_from = chain.completion(rule.years, rule.months)
    figures = (
        f"{german_duration(chain.counted_months())} von {german_duration(required, dative=True)}"
    )
    if met_from is not None and met_from <= chain.as_of:
        return Criterion(rule.id, MET, f"{label}{figures}{note}", rule.source, met_from, time_based)
    if not chain.ongoing:
        note = f"; die Zeit läuft derzeit nicht weiter{note}"
    return Criterion(rule.id, NOT_MET, f"{label}{figures}{note}", rule.source, met_from, time_based)


def flag_criterion(
    criterion_id: str,
    value: bool | None,
    source: str,
    *,
    yes: str,
    no: str,
    missing: str,
    wanted: bool = True,
) -> Criterion:
    """A yes/no fact; `wanted` is the answer that meets the criterion."""
    if value is None:
        return Criterion(criterion_id, UNKNOWN, missing, source)
    if value is wanted:
        return Criterion(criterion_id, MET, yes, source)
    return Criterion(criterion_id, NOT_MET, no, source)


def identity_deception_criterion(facts: Facts, source: str) -> Criterion:
    return flag_criterion(
        "no_identity_deception",
        facts.person.identity_deception,
        source,
        yes="keine Täuschung über Identität oder Staatsangehörigkeit bekannt",
        no="Abschiebung durch Täuschung oder falsche Angaben verhindert",
        missing="nicht erfasst, ob über die Identität getäuscht wurde",
        wanted=False,
    )


def fdgo_criterion(facts: Facts, source: str) -> Criterion:
    return flag_criterion(
        "fdgo_commitment",
        facts.person.fdgo_commitment,
        source,
        yes="Bekenntnis zur freiheitlichen demokratischen Grundordnung liegt vor",
        no="kein Bekenntnis zur freiheitlichen demokratischen Grundordnung",
        missing="Bekenntnis zur freiheitlichen demokratischen Grundordnung nicht erfasst",
    )


def convictions_criterion(
    facts: Facts,
    source: str,
    *,
    fine_limit: int = 50,
    specific_fine_limit: int = 90,
    juvenile_exempt: bool,
) -> Criterion:
    """AufenthG wording (§ 104c Abs. 1 S. 1 Nr. 2, § 60d Abs. 1 Nr. 7): fines of up to
    50 daily rates in total, or up to 90 for offences only foreigners can commit,
    are as a rule disregarded; so are juvenile sanctions other than youth custody
    where the rule says so. Anything else excludes."""
    convictions = facts.convictions
    if convictions is None:
        return Criterion("no_convictions", UNKNOWN, "Verurteilungen nicht erfasst", source)
    general = specific = 0
    unknown = False
    for conviction in convictions:
        if juvenile_exempt and conviction.juvenile_sanction_only:
            continue
        if conviction.prison_months:
            return Criterion(
                "no_convictions",
                NOT_MET,
                f"Verurteilung zu Freiheitsstrafe ({conviction.prison_months:g} Monate)",
                source,
            )
        if conviction.daily_rates is None:
            unknown = True
        elif conviction.foreigner_specific_offence:
            specific += conviction.daily_rates
        else:
            general += conviction.daily_rates
    if general > fine_limit or general + specific > specific_fine_limit:
        reason = (
            f"Geldstrafen von zusammen {general + specific} Tagessätzen "
            f"(unbeachtlich bis {fine_limit}, bei nur von Ausländern begehbaren "
            f"Taten bis {specific_fine_limit})"
        )
        return Criterion("no_convictions", NOT_MET, reason, source)
    if unknown:
        return Criterion(
            "no_convictions", UNKNOWN, "Strafmaß einer Verurteilung nicht erfasst", source
        )
    if not convictions:
        return Criterion("no_convictions", MET, "keine Verurteilungen erfasst", source)
    return Criterion(
        "no_convictions", MET, "nur unbeachtliche Verurteilungen (Bagatellgrenze)", source
    )


def language_criterion(
    facts: Facts, source: str, *, level: str, oral_suffices: bool, as_of: datetime.date
) -> Criterion:
    """A certificate of at least `level` issued by `as_of`. A German school or
    vocational qualification also proves A2 and B1 (it needs German at that level)."""
    certificates = facts.language_certificates
    schooling = facts.schooling
    if schooling is not None and schooling.german_qualification:
        return Criterion("language", MET, "deutscher Schul- oder Berufsabschluss", source)
    if certificates is None:
        return Criterion("language", UNKNOWN, "Sprachnachweise nicht erfasst", source)
    wanted = ("A1", "A2", "B1", "B2", "C1", "C2").index(level)
    best = None
    for cert in certificates:
        if cert.date is not None and cert.date > as_of:
            continue
        if cert.oral_only and not oral_suffices:
            continue
        if cert.rank >= wanted and (best is None or cert.rank > best.rank):
            best = cert
    if best is not None:
        detail = " (mündlich)" if best.oral_only else ""
        return Criterion("language", MET, f"Nachweis {best.level}{detail}", source)
    kind = "mündlich " if oral_suffices else ""
    return Criterion(
        "language", NOT_MET, f"kein Nachweis {kind}auf Niveau {level} oder höher", source
    )


def livelihood_from_history(facts: Facts, first: datetime.date, last: datetime.date) -> str:
    """'benefits' if SGB II/XII or AsylbLG was drawn on a day in first..last,
    'none' if the (given) benefit history shows none, 'unknown' without one."""
    if facts.benefits is None:
        return "unknown"
    if any(b.type in LIVELIHOOD_BENEFITS and overlaps(b, first, last) for b in facts.benefits):
        return "benefits"
    return "none"


def employed_on(facts: Facts, day: datetime.date, *, min_hours: float = 0) -> bool | None:
    """Whether employment subject to social insurance runs on `day`; None if unknown."""
    if facts.employment is None:
        return None
    for spell in facts.employment:
        if (
            covers(spell, day)
            and spell.social_insurance
            and (spell.hours_per_week or 0) >= min_hours
        ):
            return True
    return False


def school_age(birth: datetime.date, day: datetime.date) -> bool:
    """Of compulsory school age: from the 6th to the 18th birthday (a simplification:
    the Länder fix the exact start and end)."""
    return completes(birth, 6) <= day < completes(birth, 18)


def children_school_criterion(facts: Facts, source: str, as_of: datetime.date) -> Criterion:
    children = facts.children
    if children is None:
        return Criterion("children_school", UNKNOWN, "Kinder nicht erfasst", source)
    unknown = False
    pupils = 0
    for child in children:
        if child.birth_date is None:
            unknown = True
            continue
        if not school_age(child.birth_date, as_of):
            continue
        pupils += 1
        if child.attends_school is False:
            return Criterion(
                "children_school", NOT_MET, "ein schulpflichtiges Kind besucht keine Schule", source
            )
        if child.attends_school is None:
            unknown = True
    if unknown:
        return Criterion(
            "children_school", UNKNOWN, "Schulbesuch oder Alter eines Kindes nicht erfasst", source
        )
    if pupils == 0:
        return Criterion("children_school", MET, "keine Kinder im schulpflichtigen Alter", source)
    return Criterion(
        "children_school", MET, "alle Kinder im schulpflichtigen Alter besuchen die Schule", source
    )


def discretionary(criterion_id: str, reason: str, source: str) -> Criterion:
    return Criterion(criterion_id, DISCRETIONARY, reason, source)
