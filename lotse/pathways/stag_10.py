"""§ 10 StAG, naturalisation as of right (version since 27.6.2024: five years;
the three-year fast track of § 10 Abs. 3 was repealed in October 2025)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from lotse.pathways.common import (
    TITLES,
    Context,
    PeriodRule,
    fdgo_criterion,
    flag_criterion,
    language_criterion,
    livelihood_from_history,
    paragraph_of,
    period_criterion,
)
from lotse.pathways.facts import Facts, StatusPeriod
from lotse.pathways.periods import ONE_DAY, Treatment, completes, merge_spans, overlaps
from lotse.pathways.result import MET, NOT_MET, UNKNOWN, Criterion
from lotse.pathways.rules import RuleSet, german_date

RESIDENCE = PeriodRule("residence_period", 5, 0, "§ 10 Abs. 1 S. 1 StAG; § 55 Abs. 3 AsylG")
TITLE_SOURCE = "§ 10 Abs. 1 S. 1 Nr. 2 StAG"
# Residence purposes that do not lead to naturalisation (§ 10 Abs. 1 S. 1 Nr. 2 StAG):
# paragraph -> excluded subsections (None: the whole paragraph).
EXCLUDED: dict[str, frozenset[int] | None] = {
    "16a": None,
    "16b": None,
    "16d": None,
    "16e": None,
    "16f": None,
    "17": None,
    "18d": None,
    "18f": None,
    "19": None,
    "19b": None,
    "19e": None,
    "20": None,
    "22": None,
    "23": frozenset({1}),
    "23a": None,
    "24": None,
    "25": frozenset({3, 4, 5}),
    "104c": None,
}
FULL_TIME_HOURS = 35
SOCIAL_ASSISTANCE = frozenset({"sgb2", "sgb12"})


def _recognised(period: StatusPeriod) -> bool:
    parsed = paragraph_of(period.paragraph)
    return (
        period.kind in ("aufenthaltserlaubnis", "niederlassungserlaubnis")
        and parsed is not None
        and parsed[0] == "25"
        and parsed[1] in (1, 2)
    )


def _treatment(facts: Facts) -> Callable[[StatusPeriod], Treatment]:
    recognised_from = min((p.start for p in facts.status_periods if _recognised(p)), default=None)

    def treat(period: StatusPeriod) -> Treatment:
        if period.kind in TITLES:
            return Treatment.COUNT
        # § 55 Abs. 3 AsylG: the asylum procedure counts once protection is granted.
        if (
            period.kind == "gestattung"
            and recognised_from is not None
            and period.start < recognised_from
        ):
            return Treatment.COUNT
        return Treatment.BREAK

    return treat


def _title(ctx: Context) -> Criterion:
    current = ctx.current
    if current is None or current.kind not in TITLES:
        return Criterion(
            "residence_title",
            NOT_MET,
            f"kein Aufenthaltstitel: {ctx.current_kind_name()}",
            TITLE_SOURCE,
        )
    if current.kind != "aufenthaltserlaubnis":
        return Criterion("residence_title", MET, ctx.current_kind_name(), TITLE_SOURCE)
    parsed = paragraph_of(current.paragraph)
    if parsed is None:
        return Criterion(
            "residence_title",
            UNKNOWN,
            "Rechtsgrundlage der Aufenthaltserlaubnis nicht erfasst",
            TITLE_SOURCE,
        )
    number, subsection = parsed
    excluded = number in EXCLUDED and (
        EXCLUDED[number] is None or subsection in (EXCLUDED[number] or ())
    )
    if number in EXCLUDED and EXCLUDED[number] is not None and subsection is None:
        return Criterion(
            "residence_title",
            UNKNOWN,
            f"Absatz der Aufenthaltserlaubnis nach § {number} nicht erfasst",
            TITLE_SOURCE,
        )
    if excluded:
        return Criterion(
            "residence_title",
            NOT_MET,
            f"Aufenthaltserlaubnis nach {current.paragraph}: Zweck ausgeschlossen",
            TITLE_SOURCE,
        )
    return Criterion(
        "residence_title", MET, f"Aufenthaltserlaubnis nach {current.paragraph}", TITLE_SOURCE
    )


def _identity(ctx: Context) -> Criterion:
    source = "§ 10 Abs. 1 S. 1 StAG"
    clarified = ctx.facts.person.identity_clarified_on
    if clarified is None:
        return Criterion(
            "identity",
            UNKNOWN,
            "Klärung von Identität und Staatsangehörigkeit nicht erfasst",
            source,
        )
    if clarified > ctx.as_of:
        return Criterion("identity", NOT_MET, "Identität noch nicht geklärt", source)
    return Criterion("identity", MET, f"Identität am {german_date(clarified)} geklärt", source)


def _full_time_months(ctx: Context) -> bool:
    """Exception Nr. 3 Buchst. a: full-time work in at least 20 of the last 24 months."""
    spells = ctx.facts.employment or ()
    window_start = completes(ctx.as_of, months=-24) + ONE_DAY
    days = 0
    for span in merge_spans(
        s for s in spells if s.social_insurance and (s.hours_per_week or 0) >= FULL_TIME_HOURS
    ):
        if not overlaps(span, window_start, ctx.as_of):
            continue
        start = max(span.start, window_start)
        end = ctx.as_of if span.end is None else min(span.end, ctx.as_of)
        days += (end - start).days + 1
    needed = (completes(window_start, months=20) - window_start).days
    return days >= needed


def _livelihood(ctx: Context) -> Criterion:
    source = "§ 10 Abs. 1 S. 1 Nr. 3 StAG"
    facts = ctx.facts
    if facts.benefits is not None:
        drawing = any(
            b.type in SOCIAL_ASSISTANCE and overlaps(b, ctx.as_of, ctx.as_of)
            for b in facts.benefits
        )
        if drawing:
            if _full_time_months(ctx):
                reason = "Leistungen nach SGB II/XII, aber 20 der letzten 24 Monate in Vollzeit erwerbstätig"
                return Criterion("livelihood", MET, reason, source + " Buchst. a")
            return Criterion(
                "livelihood", NOT_MET, "bezieht Leistungen nach SGB II oder SGB XII", source
            )
    if facts.livelihood_secured is False:
        return Criterion(
            "livelihood", NOT_MET, "Lebensunterhalt nicht gesichert (Einschätzung)", source
        )
    if (
        facts.livelihood_secured is True
        or livelihood_from_history(facts, ctx.as_of, ctx.as_of) == "none"
    ):
        return Criterion("livelihood", MET, "keine Leistungen nach SGB II oder SGB XII", source)
    return Criterion("livelihood", UNKNOWN, "Sicherung des Lebensunterhalts nicht erfasst", source)


def _convictions(ctx: Context) -> Criterion:
    """§ 12a Abs. 1 StAG: juvenile educational measures are disregarded; fines up to
    90 daily rates and suspended prison sentences up to 3 months that were remitted
    are disregarded, several added up (a month counted as 30 daily rates)."""
    source = "§ 10 Abs. 1 S. 1 Nr. 5 StAG; § 12a Abs. 1 StAG"
    convictions = ctx.facts.convictions
    if convictions is None:
        return Criterion("no_convictions", UNKNOWN, "Verurteilungen nicht erfasst", source)
    total = 0.0
    prison = unknown = False
    for conviction in convictions:
        if conviction.juvenile_sanction_only:
            continue
        if conviction.daily_rates is None and conviction.prison_months is None:
            unknown = True
            continue
        total += (conviction.daily_rates or 0) + 30 * (conviction.prison_months or 0)
        prison = prison or bool(conviction.prison_months)
    if total > 90:
        reason = f"Strafen von zusammen {total:g} Tagessätzen (Freiheitsstrafe je Monat 30); unbeachtlich bis 90"
        return Criterion("no_convictions", NOT_MET, reason, source)
    if unknown:
        return Criterion(
            "no_convictions", UNKNOWN, "Strafmaß einer Verurteilung nicht erfasst", source
        )
    if prison:
        reason = "Freiheitsstrafe bis 3 Monate: unbeachtlich nur, wenn zur Bewährung ausgesetzt und erlassen"
        return Criterion("no_convictions", UNKNOWN, reason, source)
    if not convictions:
        return Criterion("no_convictions", MET, "keine Verurteilungen erfasst", source)
    return Criterion("no_convictions", MET, "nur unbeachtliche Verurteilungen (§ 12a StAG)", source)


def check(ctx: Context) -> tuple[Criterion, ...]:
    treat = _treatment(ctx.facts)
    residence = period_criterion(RESIDENCE, ctx.chain("stag", treat))
    return (
        residence,
        _title(ctx),
        _identity(ctx),
        _livelihood(ctx),
        language_criterion(
            ctx.facts,
            "§ 10 Abs. 1 S. 1 Nr. 6, Abs. 4 StAG",
            level="B1",
            oral_suffices=False,
            as_of=ctx.as_of,
        ),
        flag_criterion(
            "naturalisation_test",
            ctx.facts.person.naturalisation_test_passed,
            "§ 10 Abs. 1 S. 1 Nr. 7, Abs. 5 StAG",
            yes="Einbürgerungstest bestanden",
            no="Einbürgerungstest nicht bestanden",
            missing="Einbürgerungstest nicht erfasst",
        ),
        fdgo_criterion(ctx.facts, "§ 10 Abs. 1 S. 1 Nr. 1 StAG"),
        _convictions(ctx),
    )


RULES = RuleSet(
    id="stag-10",
    title="Anspruchseinbürgerung (§ 10 StAG)",
    valid_from=datetime.date(2024, 6, 27),
    valid_until=None,
    criterion_ids=(
        "residence_period",
        "residence_title",
        "identity",
        "livelihood",
        "language",
        "naturalisation_test",
        "fdgo_commitment",
        "no_convictions",
    ),
    check=check,
)
