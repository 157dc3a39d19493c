"""§ 104c AufenthG, Chancen-Aufenthaltsrecht (in force 31.12.2022 to 31.12.2025)."""

from __future__ import annotations

import datetime

from lotse.pathways.common import (
    LAWFUL_OR_TOLERATED,
    TOLERATED,
    Context,
    PeriodRule,
    convictions_criterion,
    fdgo_criterion,
    identity_deception_criterion,
    period_criterion,
)
from lotse.pathways.facts import StatusPeriod
from lotse.pathways.periods import Treatment
from lotse.pathways.result import MET, NOT_MET, Criterion
from lotse.pathways.rules import RuleSet, german_date

CUTOFF = datetime.date(2022, 10, 31)
RESIDENCE_ON_CUTOFF = PeriodRule("residence_on_cutoff", 5, 0, "§ 104c Abs. 1 S. 1, S. 3 AufenthG")


def _cutoff_treatment(period: StatusPeriod) -> Treatment:
    # § 104c Abs. 1 S. 3: § 60b periods count here too.
    return Treatment.COUNT if period.kind in LAWFUL_OR_TOLERATED else Treatment.BREAK


def _status(ctx: Context) -> Criterion:
    source = "§ 104c Abs. 1 S. 1 AufenthG"
    if ctx.current is not None and ctx.current.kind in TOLERATED:
        return Criterion("status", MET, f"geduldet ({ctx.current_kind_name()})", source)
    return Criterion("status", NOT_MET, f"nicht geduldet: {ctx.current_kind_name()}", source)


def _residence_on_cutoff(ctx: Context) -> Criterion:
    # Counted on the cutoff day itself: the five years must be complete by then.
    chain = ctx.chain("104c-cutoff", _cutoff_treatment, on=CUTOFF)
    label = f"am {german_date(CUTOFF)}: "
    criterion = period_criterion(RESIDENCE_ON_CUTOFF, chain, time_based=False, label=label)
    if criterion.status == NOT_MET and criterion.met_from is not None:
        # Completing after the cutoff does not help: no date to wait for.
        return Criterion(criterion.id, NOT_MET, criterion.reason, criterion.source)
    return criterion


def check(ctx: Context) -> tuple[Criterion, ...]:
    return (
        _status(ctx),
        _residence_on_cutoff(ctx),
        fdgo_criterion(ctx.facts, "§ 104c Abs. 1 S. 1 Nr. 1 AufenthG"),
        convictions_criterion(ctx.facts, "§ 104c Abs. 1 S. 1 Nr. 2 AufenthG", juvenile_exempt=True),
        identity_deception_criterion(ctx.facts, "§ 104c Abs. 1 S. 2 AufenthG"),
    )


RULES = RuleSet(
    id="aufenthg-104c",
    title="Chancen-Aufenthaltsrecht (§ 104c AufenthG)",
    valid_from=datetime.date(2022, 12, 31),
    valid_until=datetime.date(2025, 12, 31),
    criterion_ids=(
        "status",
        "residence_on_cutoff",
        "fdgo_commitment",
        "no_convictions",
        "no_identity_deception",
    ),
    check=check,
)
