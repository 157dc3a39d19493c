"""§ 60d AufenthG, toleration for employment (Beschäftigungsduldung, version since
1.3.2024: entry by 31.12.2022, 12 months of at least 20 hours a week)."""

from __future__ import annotations

import dataclasses
import datetime

from lotse.pathways.common import (
    Context,
    PeriodRule,
    convictions_criterion,
    employed_on,
    language_criterion,
    livelihood_from_history,
    period_criterion,
    toleration_treatment,
)
from lotse.pathways.facts import Employment
from lotse.pathways.periods import ONE_DAY, Interval, Treatment, build_chain, completes, merge_spans
from lotse.pathways.result import MET, NOT_MET, UNKNOWN, Criterion
from lotse.pathways.rules import RuleSet, german_date

ENTRY_CUTOFF = datetime.date(2022, 12, 31)
IDENTITY_CUTOFF = datetime.date(2024, 12, 31)
MIN_HOURS = 20
TOLERATION = PeriodRule("toleration_period", 1, 0, "§ 60d Abs. 1 Nr. 2 AufenthG")
EMPLOYMENT = PeriodRule("employment", 1, 0, "§ 60d Abs. 1 Nr. 3 AufenthG")


def _status(ctx: Context) -> Criterion:
    source = "§ 60d Abs. 1 S. 1 AufenthG"
    kind = ctx.current.kind if ctx.current else None
    if kind == "duldung":
        return Criterion("status", MET, "ausreisepflichtig und geduldet", source)
    if kind == "duldung_60b":
        reason = "Duldung nach § 60b: Erwerbstätigkeit nicht erlaubt (§ 60b Abs. 5 S. 2 AufenthG)"
        return Criterion("status", NOT_MET, reason, source)
    return Criterion("status", NOT_MET, f"nicht geduldet: {ctx.current_kind_name()}", source)


def _entry(ctx: Context) -> Criterion:
    source = "§ 60d Abs. 1 S. 1 AufenthG"
    entry = ctx.facts.person.entry_date
    if entry is None:
        return Criterion("entry_date", UNKNOWN, "Einreisedatum nicht erfasst", source)
    if entry <= ENTRY_CUTOFF:
        return Criterion("entry_date", MET, f"eingereist am {german_date(entry)}", source)
    reason = f"eingereist am {german_date(entry)}, nach dem {german_date(ENTRY_CUTOFF)}"
    return Criterion("entry_date", NOT_MET, reason, source)


def _identity(ctx: Context) -> Criterion:
    source = "§ 60d Abs. 1 Nr. 1 AufenthG"
    person = ctx.facts.person
    if person.entry_date is None:
        return Criterion("identity_deadline", UNKNOWN, "Einreisedatum nicht erfasst", source)
    clarified = person.identity_clarified_on
    if clarified is None:
        return Criterion(
            "identity_deadline", UNKNOWN, "Klärung der Identität nicht erfasst", source
        )
    if clarified > ctx.as_of:
        return Criterion("identity_deadline", NOT_MET, "Identität noch nicht geklärt", source)
    if person.entry_date <= datetime.date(2016, 12, 31):
        # Buchst. a: clarified by the application.
        return Criterion(
            "identity_deadline", MET, f"Identität am {german_date(clarified)} geklärt", source
        )
    # Buchst. b: by 31.12.2024, or by an application made before then.
    if ctx.as_of <= IDENTITY_CUTOFF or clarified <= IDENTITY_CUTOFF:
        return Criterion(
            "identity_deadline", MET, f"Identität am {german_date(clarified)} geklärt", source
        )
    reason = (
        f"Identität erst am {german_date(clarified)} geklärt, Frist {german_date(IDENTITY_CUTOFF)}; "
        "gewahrt nur, wenn alle zumutbaren Maßnahmen rechtzeitig ergriffen wurden"
    )
    return Criterion("identity_deadline", NOT_MET, reason, source)


def _qualifies(spell: Employment) -> bool:
    return bool(spell.social_insurance) and (spell.hours_per_week or 0) >= MIN_HOURS


def _employment(ctx: Context) -> Criterion:
    spells = ctx.facts.employment
    if spells is None:
        return Criterion("employment", UNKNOWN, "Beschäftigung nicht erfasst", EMPLOYMENT.source)
    merged = merge_spans(s for s in spells if _qualifies(s))

    def count(_: Interval) -> Treatment:
        return Treatment.COUNT

    # Employment must run without any interruption: no tolerance for gaps.
    chain = build_chain(merged, count, ctx.as_of, tolerance_months=0)
    label = f"sozialversicherungspflichtig mit mindestens {MIN_HOURS} Wochenstunden: "
    criterion = period_criterion(EMPLOYMENT, chain, label=label)
    if criterion.status == NOT_MET and any(
        s.social_insurance is None or s.hours_per_week is None for s in spells
    ):
        # A spell without hours or insurance might have counted.
        return dataclasses.replace(
            criterion, status=UNKNOWN, reason=criterion.reason + "; Angaben unvollständig"
        )
    return criterion


def _livelihood(ctx: Context) -> Criterion:
    source = "§ 60d Abs. 1 Nr. 4, 5 AufenthG"
    facts = ctx.facts
    window_start = completes(ctx.as_of, months=-12) + ONE_DAY
    history = livelihood_from_history(facts, window_start, ctx.as_of)
    employed = employed_on(facts, ctx.as_of)
    if history == "benefits":
        assert facts.benefits is not None
        ends = [
            b.end
            for b in facts.benefits
            if b.type in ("sgb2", "sgb12", "asylblg") and b.start <= ctx.as_of
        ]
        if employed and all(end is not None and end < ctx.as_of for end in ends):
            last = max(end for end in ends if end is not None)
            met_from = completes(last + ONE_DAY, months=12)
            reason = f"Leistungsbezug bis {german_date(last)}; zwölf Monate ohne Leistungen ab {german_date(met_from)}"
            return Criterion("livelihood", NOT_MET, reason, source, met_from, True)
        return Criterion(
            "livelihood", NOT_MET, "Leistungsbezug in den letzten zwölf Monaten", source
        )
    if history == "none" and employed:
        return Criterion("livelihood", MET, "zwölf Monate ohne Leistungen, beschäftigt", source)
    if facts.livelihood_secured is True:
        return Criterion("livelihood", MET, "Lebensunterhalt gesichert (Einschätzung)", source)
    if facts.livelihood_secured is False:
        return Criterion(
            "livelihood", NOT_MET, "Lebensunterhalt nicht gesichert (Einschätzung)", source
        )
    if history == "none" and employed is False:
        return Criterion(
            "livelihood", NOT_MET, "keine Beschäftigung, die den Lebensunterhalt sichert", source
        )
    return Criterion("livelihood", UNKNOWN, "Sicherung des Lebensunterhalts nicht erfasst", source)


def _integration_course(ctx: Context) -> Criterion:
    source = "§ 60d Abs. 1 Nr. 11 AufenthG"
    person = ctx.facts.person
    if person.integration_course_obliged is False:
        return Criterion(
            "integration_course", MET, "nicht zum Integrationskurs verpflichtet", source
        )
    if person.integration_course_obliged is None:
        return Criterion(
            "integration_course",
            UNKNOWN,
            "Verpflichtung zum Integrationskurs nicht erfasst",
            source,
        )
    if person.integration_course_completed is True:
        return Criterion("integration_course", MET, "Integrationskurs abgeschlossen", source)
    if person.integration_course_completed is False:
        return Criterion(
            "integration_course",
            NOT_MET,
            "verpflichtet, Integrationskurs nicht abgeschlossen",
            source,
        )
    return Criterion(
        "integration_course", UNKNOWN, "Abschluss des Integrationskurses nicht erfasst", source
    )


def check(ctx: Context) -> tuple[Criterion, ...]:
    toleration = period_criterion(
        TOLERATION, ctx.chain("toleration", toleration_treatment), label="Duldung: "
    )
    return (
        _status(ctx),
        _entry(ctx),
        _identity(ctx),
        toleration,
        _employment(ctx),
        _livelihood(ctx),
        language_criterion(
            ctx.facts,
            "§ 60d Abs. 1 Nr. 6 AufenthG",
            level="A2",
            oral_suffices=True,
            as_of=ctx.as_of,
        ),
        convictions_criterion(ctx.facts, "§ 60d Abs. 1 Nr. 7 AufenthG", juvenile_exempt=False),
        _integration_course(ctx),
    )


RULES = RuleSet(
    id="aufenthg-60d",
    title="Beschäftigungsduldung (§ 60d AufenthG)",
    valid_from=datetime.date(2024, 3, 1),
    valid_until=None,
    criterion_ids=(
        "status",
        "entry_date",
        "identity_deadline",
        "toleration_period",
        "employment",
        "livelihood",
        "language",
        "no_convictions",
        "integration_course",
    ),
    check=check,
)
