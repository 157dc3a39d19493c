"""The interface contract's example documents, copied verbatim from
docs of the pathways interface: the facts example parses and evaluates, and our
result has exactly the example result's shape."""

import datetime
import json

import pytest

from lotse.pathways import PATHWAY_IDS, FactsError, evaluate, evaluate_facts, parse_facts

FACTS_EXAMPLE = json.loads("""
{
  "as_of": "2026-11-21",
  "person": {
    "birth_date": "2001-05-03",
    "entry_date": "2015-09-01",
    "identity_clarified_on": "2018-01-10",
    "identity_deception": false,
    "fdgo_commitment": true,
    "civic_knowledge": true,
    "naturalisation_test_passed": false,
    "living_with_minor_child": false,
    "integration_course_obliged": false,
    "integration_course_completed": false
  },
  "status_periods": [
    {"kind": "gestattung", "from": "2015-09-01", "to": "2017-03-31"},
    {"kind": "duldung", "from": "2017-04-01", "to": "2018-12-31"},
    {"kind": "aufenthaltserlaubnis", "paragraph": "25 Abs. 5 AufenthG", "from": "2019-01-01", "to": "2021-12-31"},
    {"kind": "duldung", "from": "2022-01-01", "to": null}
  ],
  "language_certificates": [
    {"level": "A2", "oral_only": true, "date": "2021-06-30"}
  ],
  "schooling": {"years_successful_in_germany": 3, "german_qualification": false},
  "employment": [
    {"from": "2022-01-01", "to": null, "hours_per_week": 30, "social_insurance": true}
  ],
  "benefits": [
    {"type": "sgb2", "from": "2020-01-01", "to": "2021-12-31"}
  ],
  "livelihood_secured": true,
  "convictions": [
    {"date": "2019-03-01", "daily_rates": 30, "prison_months": 0,
     "juvenile_sanction_only": false, "foreigner_specific_offence": false}
  ],
  "children": [
    {"birth_date": "2016-02-01", "attends_school": true}
  ]
}
""")

RESULT_EXAMPLE = json.loads("""
{
  "as_of": "2026-11-21",
  "rules_version": "2026-01-01",
  "pathways": [
    {
      "id": "aufenthg-25b",
      "title": "Aufenthaltserlaubnis bei nachhaltiger Integration (§ 25b AufenthG)",
      "outcome": "not_met",
      "earliest_date": "2027-04-01",
      "criteria": [
        {"id": "residence_period", "status": "not_met",
         "met_from": "2027-04-01",
         "reason": "5 Jahre 7 Monate von 6 Jahren",
         "source": "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG"}
      ]
    }
  ]
}
""")

REQUIRED = {
    "aufenthg-104c": [
        "status",
        "residence_on_cutoff",
        "fdgo_commitment",
        "no_convictions",
        "no_identity_deception",
    ],
    "aufenthg-25a": [
        "status",
        "age",
        "residence_period",
        "schooling",
        "integration_prognosis",
        "no_identity_deception",
    ],
    "aufenthg-25b": [
        "status",
        "residence_period",
        "fdgo_and_civic_knowledge",
        "livelihood",
        "language",
        "children_school",
        "no_identity_deception",
    ],
    "aufenthg-60c": ["status", "training", "toleration_period", "identity_deadline"],
    "aufenthg-60d": [
        "status",
        "entry_date",
        "identity_deadline",
        "toleration_period",
        "employment",
        "livelihood",
        "language",
        "no_convictions",
        "integration_course",
    ],
    "stag-10": [
        "residence_period",
        "residence_title",
        "identity",
        "livelihood",
        "language",
        "naturalisation_test",
        "fdgo_commitment",
        "no_convictions",
    ],
}


def shape(value):
    """Keys and value types, recursively (lists by their first element)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def test_it_evaluates_the_facts_example_into_the_example_shape():
    result = evaluate(FACTS_EXAMPLE)
    assert json.loads(json.dumps(result)) == result  # JSON-ready
    assert result["as_of"] == "2026-11-21"
    assert result["rules_version"] == RESULT_EXAMPLE["rules_version"]
    example_pathway = RESULT_EXAMPLE["pathways"][0]
    example_criterion = example_pathway["criteria"][0]
    for path in result["pathways"]:
        assert set(path) == set(example_pathway)
        for crit in path["criteria"]:
            assert list(crit) == list(example_criterion)
            assert crit["status"] in {"met", "not_met", "unknown", "discretionary"}
            assert crit["source"].startswith("§ ")
            assert crit["reason"]
        assert path["outcome"] in {
            "not_in_force",
            "not_met",
            "unknown",
            "discretionary",
            "likely_met",
        }
    assert [p["id"] for p in result["pathways"]] == list(PATHWAY_IDS)


def test_every_pathway_lists_the_contracts_criterion_ids():
    result = evaluate(FACTS_EXAMPLE)
    assert {p["id"]: [c["id"] for c in p["criteria"]] for p in result["pathways"]} == REQUIRED


def test_the_facts_example_gives_these_values():
    """The example person on 2026-11-21: § 104c has closed (31.12.2025); § 25b is likely met
    (11 years 2 months since 2015-09-01, every fact present); the Duldung ends lawful
    residence for § 10 StAG; § 25a needs the authority's prognosis."""
    result = {p["id"]: p for p in evaluate(FACTS_EXAMPLE)["pathways"]}
    assert result["aufenthg-104c"]["outcome"] == "not_in_force"
    assert result["aufenthg-25b"]["outcome"] == "likely_met"
    residence = result["aufenthg-25b"]["criteria"][1]
    assert residence["reason"] == "11 Jahre 2 Monate von 6 Jahren"
    assert residence["met_from"] == "2021-09-01"
    assert result["aufenthg-25a"]["outcome"] == "discretionary"
    assert result["aufenthg-60c"]["outcome"] == "unknown"
    assert result["aufenthg-60d"]["outcome"] == "likely_met"
    assert result["stag-10"]["outcome"] == "not_met"
    assert result["stag-10"]["earliest_date"] is None


def test_the_result_example_figures_follow_from_a_duldung_since_april_2021():
    """The example result is not the example person's; its figures are those of a person
    tolerated since 2021-04-01 with the other facts met (§ 25b Abs. 1 S. 2 Nr. 1 AufenthG)."""
    facts = {
        **FACTS_EXAMPLE,
        "status_periods": [{"kind": "duldung", "from": "2021-04-01", "to": None}],
    }
    path = evaluate(facts, pathways=["aufenthg-25b"])["pathways"][0]
    expected = RESULT_EXAMPLE["pathways"][0]
    assert (path["id"], path["title"], path["outcome"], path["earliest_date"]) == (
        expected["id"],
        expected["title"],
        expected["outcome"],
        expected["earliest_date"],
    )
    residence = next(c for c in path["criteria"] if c["id"] == "residence_period")
    for key in ("id", "status", "met_from", "reason"):
        assert residence[key] == expected["criteria"][0][key]
    assert residence["source"].startswith(expected["criteria"][0]["source"])


def test_as_of_argument_wins_over_the_document():
    result = evaluate(FACTS_EXAMPLE, as_of=datetime.date(2024, 1, 2), pathways=["aufenthg-104c"])
    assert result["as_of"] == "2024-01-02"
    assert result["pathways"][0]["outcome"] != "not_in_force"


def test_without_any_as_of_it_evaluates_today():
    facts = {key: value for key, value in FACTS_EXAMPLE.items() if key != "as_of"}
    assert evaluate(facts)["as_of"] == datetime.date.today().isoformat()


def test_an_unknown_pathway_id_is_bad_input():
    with pytest.raises(FactsError, match="pathway: unknown id 'aufenthg-25c'"):
        evaluate(FACTS_EXAMPLE, pathways=["aufenthg-25c"])


def test_batch_evaluation_returns_typed_results():
    result = evaluate_facts(
        parse_facts(FACTS_EXAMPLE), None, ["stag-10", "aufenthg-25b", "stag-10"]
    )
    assert [p.id for p in result.pathways] == ["stag-10", "aufenthg-25b"]
    assert result.to_json()["pathways"][1]["outcome"] == "likely_met"


def test_every_rule_set_declares_the_contracts_criterion_ids_and_validity():
    from lotse.pathways.engine import RULE_SETS

    assert {rules.id: list(rules.criterion_ids) for rules in RULE_SETS.values()} == REQUIRED
    assert RULE_SETS["aufenthg-104c"].valid_until == datetime.date(2025, 12, 31)
