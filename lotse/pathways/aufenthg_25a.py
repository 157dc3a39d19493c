"""§ 25a AufenthG, young people (version in force since 31.12.2022: 3 years, under 27)."""

from __future__ import annotations

import datetime

from lotse.pathways.common import (
    Context,
    PeriodRule,
    discretionary,
    identity_deception_criterion,
    period_criterion,
    stay_treatment,
    toleration_treatment,
)
from lotse.pathways.periods import ONE_DAY, completes
from lotse.pathways.result import MET, NOT_MET, UNKNOWN, Criterion
from lotse.pathways.rules import RuleSet, german_date

TOLERATION = PeriodRule("status", 1, 0, "§ 25a Abs. 1 S. 1 AufenthG")
RESIDENCE = PeriodRule(
    "residence_period", 3, 0, "§ 25a Abs. 1 S. 1 Nr. 1 AufenthG; § 60b Abs. 5 S. 1 AufenthG"
)
AGE_SOURCE = "§ 25a Abs. 1 S. 1 Nr. 3 AufenthG"
# "Jugendlich" begins at 14 (§ 1 Abs. 2 JGG wording the application notes follow).
MIN_AGE = 14
MAX_AGE = 27


def _status(ctx: Context) -> Criterion:
    if ctx.holds_104c:
        return Criterion(
            "status", MET, "Inhaber einer Aufenthaltserlaubnis nach § 104c", TOLERATION.source
        )
    kind = ctx.current.kind if ctx.current else None
    if kind == "duldung":
        chain = ctx.chain("toleration", toleration_treatment)
        return period_criterion(TOLERATION, chain, label="Duldung: ")
    if kind == "duldung_60b":
        reason = "Duldung nach § 60b: zählt nicht als Vorduldungszeit (§ 60b Abs. 5 S. 1 AufenthG)"
        return Criterion("status", NOT_MET, reason, TOLERATION.source)
    reason = f"weder geduldet noch Inhaber einer Aufenthaltserlaubnis nach § 104c: {ctx.current_kind_name()}"
    return Criterion("status", NOT_MET, reason, TOLERATION.source)


def _age(ctx: Context) -> Criterion:
    birth = ctx.facts.person.birth_date
    if birth is None:
        return Criterion("age", UNKNOWN, "Geburtsdatum nicht erfasst", AGE_SOURCE)
    # BGB § 187 Abs. 2 S. 2: the 27th year of life is complete at the end of the day
    # before the 27th birthday, so that day is the last for an application.
    last_day = completes(birth, MAX_AGE) - ONE_DAY
    youth_from = completes(birth, MIN_AGE)
    if ctx.as_of > last_day:
        reason = f"27. Lebensjahr am {german_date(last_day)} vollendet"
        return Criterion("age", NOT_MET, reason, AGE_SOURCE)
    if ctx.as_of < youth_from:
        reason = f"noch nicht 14 Jahre alt (ab {german_date(youth_from)})"
        return Criterion("age", NOT_MET, reason, AGE_SOURCE, youth_from, True, last_day)
    reason = f"Antrag bis {german_date(last_day)} (vor Vollendung des 27. Lebensjahres)"
    return Criterion("age", MET, reason, AGE_SOURCE, youth_from, True, last_day)


def _schooling(ctx: Context) -> Criterion:
    source = "§ 25a Abs. 1 S. 1 Nr. 2 AufenthG"
    schooling = ctx.facts.schooling
    if schooling is None:
        return Criterion("schooling", UNKNOWN, "Schulbesuch nicht erfasst", source)
    if schooling.german_qualification:
        return Criterion("schooling", MET, "anerkannter Schul- oder Berufsabschluss", source)
    years = schooling.years_successful_in_germany
    if years is not None and years >= 3:
        return Criterion("schooling", MET, f"{years} Jahre erfolgreicher Schulbesuch", source)
    if years is None or schooling.german_qualification is None:
        return Criterion(
            "schooling", UNKNOWN, "Schulbesuch oder Abschluss nicht vollständig erfasst", source
        )
    reason = f"{years} von 3 Jahren erfolgreichem Schulbesuch, kein Abschluss"
    return Criterion("schooling", NOT_MET, reason, source)


def check(ctx: Context) -> tuple[Criterion, ...]:
    residence = period_criterion(RESIDENCE, ctx.chain("stay", stay_treatment(ctx.holds_104c)))
    return (
        _status(ctx),
        _age(ctx),
        residence,
        _schooling(ctx),
        discretionary(
            "integration_prognosis",
            "positive Integrationsprognose: Einschätzung der Ausländerbehörde",
            "§ 25a Abs. 1 S. 1 Nr. 4 AufenthG",
        ),
        identity_deception_criterion(ctx.facts, "§ 25a Abs. 1 S. 3 AufenthG"),
    )


RULES = RuleSet(
    id="aufenthg-25a",
    title="Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige (§ 25a AufenthG)",
    valid_from=datetime.date(2022, 12, 31),
    valid_until=None,
    criterion_ids=(
        "status",
        "age",
        "residence_period",
        "schooling",
        "integration_prognosis",
        "no_identity_deception",
    ),
    check=check,
)
