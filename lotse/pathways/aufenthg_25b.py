"""§ 25b AufenthG, sustainable integration (version since 31.12.2022: 6 or 4 years)."""

from __future__ import annotations

import datetime

from lotse.pathways.common import (
    TOLERATED,
    Context,
    PeriodRule,
    children_school_criterion,
    employed_on,
    identity_deception_criterion,
    language_criterion,
    livelihood_from_history,
    period_criterion,
    stay_treatment,
)
from lotse.pathways.result import DISCRETIONARY, MET, NOT_MET, UNKNOWN, Criterion
from lotse.pathways.rules import RuleSet

RESIDENCE_SOURCE = "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG; § 60b Abs. 5 S. 1 AufenthG"


def _status(ctx: Context) -> Criterion:
    source = "§ 25b Abs. 1 S. 1 AufenthG"
    if ctx.holds_104c:
        return Criterion("status", MET, "Inhaber einer Aufenthaltserlaubnis nach § 104c", source)
    if ctx.current is not None and ctx.current.kind in TOLERATED:
        return Criterion("status", MET, f"geduldet ({ctx.current_kind_name()})", source)
    reason = f"weder geduldet noch Inhaber einer Aufenthaltserlaubnis nach § 104c: {ctx.current_kind_name()}"
    return Criterion("status", NOT_MET, reason, source)


def _residence(ctx: Context) -> Criterion:
    chain = ctx.chain("stay", stay_treatment(ctx.holds_104c))
    with_child = ctx.facts.person.living_with_minor_child
    years = 4 if with_child else 6
    criterion = period_criterion(PeriodRule("residence_period", years, 0, RESIDENCE_SOURCE), chain)
    if with_child is None and criterion.status == NOT_MET and chain.counted_months() >= 48:
        # Four years would do with a minor child in the household: not known.
        return Criterion(
            "residence_period",
            UNKNOWN,
            criterion.reason
            + "; 4 Jahre genügen, wenn ein minderjähriges Kind im Haushalt lebt (nicht erfasst)",
            RESIDENCE_SOURCE,
            criterion.met_from,
            True,
        )
    return criterion


def _fdgo_and_civic(ctx: Context) -> Criterion:
    source = "§ 25b Abs. 1 S. 2 Nr. 2 AufenthG"
    person = ctx.facts.person
    values = (person.fdgo_commitment, person.civic_knowledge)
    if False in values:
        missing = []
        if person.fdgo_commitment is False:
            missing.append("kein Bekenntnis zur freiheitlichen demokratischen Grundordnung")
        if person.civic_knowledge is False:
            missing.append("keine Grundkenntnisse der Rechts- und Gesellschaftsordnung")
        return Criterion("fdgo_and_civic_knowledge", NOT_MET, "; ".join(missing), source)
    if None in values:
        return Criterion(
            "fdgo_and_civic_knowledge",
            UNKNOWN,
            "Bekenntnis oder Grundkenntnisse nicht erfasst",
            source,
        )
    return Criterion(
        "fdgo_and_civic_knowledge", MET, "Bekenntnis und Grundkenntnisse liegen vor", source
    )


def _livelihood(ctx: Context) -> Criterion:
    source = "§ 25b Abs. 1 S. 2 Nr. 3, S. 3 AufenthG"
    facts = ctx.facts
    if facts.livelihood_secured is True:
        return Criterion(
            "livelihood", MET, "Lebensunterhalt überwiegend gesichert (Einschätzung)", source
        )
    if facts.livelihood_secured is False:
        if facts.person.living_with_minor_child:
            reason = (
                "nicht gesichert; vorübergehender Leistungsbezug bei Familien mit "
                "minderjährigen Kindern in der Regel unschädlich"
            )
            return Criterion("livelihood", DISCRETIONARY, reason, source)
        return Criterion(
            "livelihood",
            NOT_MET,
            "Lebensunterhalt nicht überwiegend gesichert (Einschätzung)",
            source,
        )
    history = livelihood_from_history(facts, ctx.as_of, ctx.as_of)
    employed = employed_on(facts, ctx.as_of)
    if employed and history == "none":
        return Criterion(
            "livelihood", MET, "sozialversicherungspflichtig beschäftigt, keine Leistungen", source
        )
    if employed and history == "benefits":
        reason = "beschäftigt mit ergänzenden Leistungen: ob überwiegend durch Arbeit gesichert, ist zu prüfen"
        return Criterion("livelihood", DISCRETIONARY, reason, source)
    if employed is False and history == "benefits":
        return Criterion("livelihood", NOT_MET, "keine Beschäftigung, Leistungsbezug", source)
    return Criterion("livelihood", UNKNOWN, "Sicherung des Lebensunterhalts nicht erfasst", source)


def check(ctx: Context) -> tuple[Criterion, ...]:
    return (
        _status(ctx),
        _residence(ctx),
        _fdgo_and_civic(ctx),
        _livelihood(ctx),
        language_criterion(
            ctx.facts,
            "§ 25b Abs. 1 S. 2 Nr. 4 AufenthG",
            level="A2",
            oral_suffices=True,
            as_of=ctx.as_of,
        ),
        children_school_criterion(ctx.facts, "§ 25b Abs. 1 S. 2 Nr. 5 AufenthG", ctx.as_of),
        identity_deception_criterion(ctx.facts, "§ 25b Abs. 2 Nr. 1 AufenthG"),
    )


RULES = RuleSet(
    id="aufenthg-25b",
    title="Aufenthaltserlaubnis bei nachhaltiger Integration (§ 25b AufenthG)",
    valid_from=datetime.date(2022, 12, 31),
    valid_until=None,
    criterion_ids=(
        "status",
        "residence_period",
        "fdgo_and_civic_knowledge",
        "livelihood",
        "language",
        "children_school",
        "no_identity_deception",
    ),
    check=check,
)
