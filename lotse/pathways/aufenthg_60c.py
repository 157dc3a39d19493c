"""§ 60c AufenthG, toleration for vocational training (Ausbildungsduldung, since 1.1.2020)."""

from __future__ import annotations

import datetime

from lotse.pathways.common import Context, PeriodRule, period_criterion, toleration_treatment
from lotse.pathways.periods import completes
from lotse.pathways.result import MET, NOT_MET, UNKNOWN, Criterion
from lotse.pathways.rules import RuleSet, german_date

TOLERATION = PeriodRule("toleration_period", 0, 3, "§ 60c Abs. 2 Nr. 2 AufenthG")
IDENTITY_SOURCE = "§ 60c Abs. 2 Nr. 3 AufenthG"


def _status(ctx: Context) -> Criterion:
    source = "§ 60c Abs. 1 S. 1 AufenthG"
    kind = ctx.current.kind if ctx.current else None
    if kind == "duldung":
        return Criterion("status", MET, "geduldet", source)
    if kind == "duldung_60b":
        reason = "Duldung nach § 60b: Erwerbstätigkeit nicht erlaubt (§ 60b Abs. 5 S. 2 AufenthG)"
        return Criterion("status", NOT_MET, reason, source)
    return Criterion("status", NOT_MET, f"nicht geduldet: {ctx.current_kind_name()}", source)


def identity_deadline(entry: datetime.date) -> datetime.date | None:
    """Last day to clarify identity; None: until the application (entry up to 2016)."""
    if entry <= datetime.date(2016, 12, 31):
        return None
    if entry <= datetime.date(2019, 12, 31):
        return datetime.date(2020, 6, 30)
    # Nr. 3 Buchst. c: within the first six months after entry.
    return completes(entry, months=6) - datetime.timedelta(days=1)


def _identity(ctx: Context) -> Criterion:
    person = ctx.facts.person
    if person.entry_date is None:
        return Criterion(
            "identity_deadline", UNKNOWN, "Einreisedatum nicht erfasst", IDENTITY_SOURCE
        )
    clarified = person.identity_clarified_on
    if clarified is None:
        return Criterion(
            "identity_deadline", UNKNOWN, "Klärung der Identität nicht erfasst", IDENTITY_SOURCE
        )
    if clarified > ctx.as_of:
        return Criterion(
            "identity_deadline", NOT_MET, "Identität noch nicht geklärt", IDENTITY_SOURCE
        )
    deadline = identity_deadline(person.entry_date)
    if deadline is None or clarified <= deadline:
        reason = f"Identität am {german_date(clarified)} geklärt"
        if deadline is not None:
            reason += f" (Frist {german_date(deadline)})"
        return Criterion("identity_deadline", MET, reason, IDENTITY_SOURCE)
    reason = (
        f"Identität erst am {german_date(clarified)} geklärt, Frist {german_date(deadline)}; "
        "gewahrt nur, wenn alle zumutbaren Maßnahmen rechtzeitig ergriffen wurden"
    )
    return Criterion("identity_deadline", NOT_MET, reason, IDENTITY_SOURCE)


def check(ctx: Context) -> tuple[Criterion, ...]:
    toleration = period_criterion(
        TOLERATION,
        ctx.chain("toleration", toleration_treatment),
        label="Duldung: ",
        note=" (gilt, wenn die Ausbildung während der Duldung beginnt)",
    )
    return (
        _status(ctx),
        Criterion(
            "training",
            UNKNOWN,
            "Angaben zur Ausbildung enthält Version 1 der Fakten nicht",
            "§ 60c Abs. 1 S. 1 Nr. 1, 2 AufenthG",
        ),
        toleration,
        _identity(ctx),
    )


RULES = RuleSet(
    id="aufenthg-60c",
    title="Ausbildungsduldung (§ 60c AufenthG)",
    valid_from=datetime.date(2020, 1, 1),
    valid_until=None,
    criterion_ids=("status", "training", "toleration_period", "identity_deadline"),
    check=check,
)
