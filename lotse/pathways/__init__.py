"""Residence-law pathway engine: pure, typed functions without Django.

Public API (the residence app, the command and the benchmark use only this):

    from lotse.pathways import evaluate, parse_facts, FactsError, PATHWAY_IDS
    evaluate(document, as_of=None, pathways=None) -> result document (dict)
    evaluate_facts(facts, as_of, pathways) -> Result   (batch use)
"""

from lotse.pathways.engine import PATHWAY_IDS, RULES_VERSION, evaluate, evaluate_facts
from lotse.pathways.facts import Facts
from lotse.pathways.parse import FactsError, parse_facts
from lotse.pathways.result import Result

__all__ = [
    "PATHWAY_IDS",
    "RULES_VERSION",
    "Facts",
    "FactsError",
    "Result",
    "evaluate",
    "evaluate_facts",
    "parse_facts",
]
