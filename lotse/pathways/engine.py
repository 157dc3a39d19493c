"""Evaluating facts against every pathway's rule set."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Final

from lotse.pathways import (
    aufenthg_25a,
    aufenthg_25b,
    aufenthg_60c,
    aufenthg_60d,
    aufenthg_104c,
    stag_10,
)
from lotse.pathways.common import Context
from lotse.pathways.facts import Facts
from lotse.pathways.parse import FactsError, check_year, parse_facts
from lotse.pathways.result import Result
from lotse.pathways.rules import RuleSet

# The legal state the rules model: changes enacted up to this day are included.
RULES_VERSION: Final = "2026-01-01"
RULE_SETS: Final[dict[str, RuleSet]] = {
    rules.id: rules
    for rules in (
        aufenthg_104c.RULES,
        aufenthg_25a.RULES,
        aufenthg_25b.RULES,
        aufenthg_60c.RULES,
        aufenthg_60d.RULES,
        stag_10.RULES,
    )
}
PATHWAY_IDS: Final[tuple[str, ...]] = tuple(RULE_SETS)


ALL_RULE_SETS: Final[tuple[RuleSet, ...]] = tuple(RULE_SETS.values())


def _selected(pathways: Iterable[str] | None) -> tuple[RuleSet, ...]:
    if pathways is None:
        return ALL_RULE_SETS
    chosen: dict[str, RuleSet] = {}
    for pathway in pathways:
        rules = RULE_SETS.get(pathway)
        if rules is None:
            raise FactsError(f"pathway: unknown id {pathway!r} (known: {', '.join(PATHWAY_IDS)})")
        chosen.setdefault(pathway, rules)
    return tuple(chosen.values())


def evaluate_facts(
    facts: Facts,
    as_of: datetime.date | None = None,
    pathways: Iterable[str] | None = None,
) -> Result:
    """The result for parsed facts. `as_of` wins over the document's; default today."""
    day = check_year(as_of or facts.as_of or datetime.date.today(), "as_of")
    context = Context(facts, day)
    results = tuple(rules.evaluate(context) for rules in _selected(pathways))
    return Result(day, RULES_VERSION, results)


def evaluate(
    document: Mapping[str, Any],
    *,
    as_of: datetime.date | None = None,
    pathways: list[str] | None = None,
) -> dict[str, Any]:
    """The result document (JSON-ready) for a facts document; `FactsError` on bad
    input, including an unknown pathway id."""
    selected = _selected(pathways)
    facts = parse_facts(document)
    day = check_year(as_of or facts.as_of or datetime.date.today(), "as_of")
    context = Context(facts, day)
    return Result(day, RULES_VERSION, tuple(r.evaluate(context) for r in selected)).to_json()
