"""The facts document, version 1 (the pathways interface contract).

Plain typed values, no behaviour: `parse.parse_facts` builds them from JSON and
the pathway modules read them, never change them (they are not frozen only
because frozen dataclasses are slow to build). `None` always means "not
known", never "no".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Final, Literal

StatusKind = Literal[
    "gestattung",
    "duldung",
    "duldung_60b",
    "aufenthaltserlaubnis",
    "niederlassungserlaubnis",
    "blaue_karte",
    "none",
]
STATUS_KINDS: Final[frozenset[str]] = frozenset(
    {
        "gestattung",
        "duldung",
        "duldung_60b",
        "aufenthaltserlaubnis",
        "niederlassungserlaubnis",
        "blaue_karte",
        "none",
    }
)
BenefitType = Literal["sgb2", "sgb12", "asylblg", "wohngeld", "kindergeld"]
BENEFIT_TYPES: Final[frozenset[str]] = frozenset(
    {"sgb2", "sgb12", "asylblg", "wohngeld", "kindergeld"}
)
# Common European Framework levels in ascending order.
LANGUAGE_LEVELS: Final[tuple[str, ...]] = ("A1", "A2", "B1", "B2", "C1", "C2")


@dataclass(slots=True)
class Person:
    birth_date: datetime.date | None = None
    entry_date: datetime.date | None = None
    identity_clarified_on: datetime.date | None = None
    identity_deception: bool | None = None
    fdgo_commitment: bool | None = None
    civic_knowledge: bool | None = None
    naturalisation_test_passed: bool | None = None
    living_with_minor_child: bool | None = None
    integration_course_obliged: bool | None = None
    integration_course_completed: bool | None = None


@dataclass(slots=True)
class StatusPeriod:
    kind: StatusKind
    start: datetime.date
    # None: the period runs on.
    end: datetime.date | None
    paragraph: str | None = None


@dataclass(slots=True)
class LanguageCertificate:
    level: str
    oral_only: bool = False
    date: datetime.date | None = None

    @property
    def rank(self) -> int:
        return LANGUAGE_LEVELS.index(self.level)


@dataclass(slots=True)
class Schooling:
    years_successful_in_germany: int | None = None
    german_qualification: bool | None = None


@dataclass(slots=True)
class Employment:
    start: datetime.date
    end: datetime.date | None
    hours_per_week: float | None = None
    social_insurance: bool | None = None


@dataclass(slots=True)
class Benefit:
    type: BenefitType
    start: datetime.date
    end: datetime.date | None


@dataclass(slots=True)
class Conviction:
    date: datetime.date | None = None
    daily_rates: int | None = None
    prison_months: float | None = None
    juvenile_sanction_only: bool | None = None
    foreigner_specific_offence: bool | None = None


@dataclass(slots=True)
class Child:
    birth_date: datetime.date | None = None
    attends_school: bool | None = None


@dataclass(slots=True)
class Facts:
    """One person's facts. A list that is `None` was not given (unknown); an
    empty tuple was given and is empty (known: none)."""

    status_periods: tuple[StatusPeriod, ...]
    as_of: datetime.date | None = None
    person: Person = field(default_factory=Person)
    language_certificates: tuple[LanguageCertificate, ...] | None = None
    schooling: Schooling | None = None
    employment: tuple[Employment, ...] | None = None
    benefits: tuple[Benefit, ...] | None = None
    livelihood_secured: bool | None = None
    convictions: tuple[Conviction, ...] | None = None
    children: tuple[Child, ...] | None = None
