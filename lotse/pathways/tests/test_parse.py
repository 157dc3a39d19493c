"""The facts document parser: everything off-contract is a FactsError naming the field."""

import copy
import datetime

import pytest

from lotse.pathways import FactsError, parse_facts
from lotse.pathways.tests.builders import document, period

VALID = document(period("duldung", "2020-01-01"))


def with_change(path: list[str | int], value: object) -> dict:
    doc = copy.deepcopy(VALID)
    doc["employment"] = [
        {"from": "2020-01-01", "to": None, "hours_per_week": 20, "social_insurance": True}
    ]
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def test_it_reads_a_minimal_document():
    facts = parse_facts(VALID)
    assert facts.as_of == datetime.date(2026, 11, 21)
    assert facts.status_periods[0].kind == "duldung"
    assert facts.status_periods[0].end is None
    # Lists not given are unknown (None), not empty.
    assert facts.convictions is None
    assert facts.person.birth_date is None


def test_it_sorts_status_periods_by_start():
    facts = parse_facts(
        document(
            period("duldung", "2020-01-01", "2020-12-31"),
            period("gestattung", "2018-01-01", "2019-12-31"),
        )
    )
    assert [p.kind for p in facts.status_periods] == ["gestattung", "duldung"]


def test_it_treats_an_empty_paragraph_as_missing():
    facts = parse_facts(document(period("aufenthaltserlaubnis", "2020-01-01", paragraph=" ")))
    assert facts.status_periods[0].paragraph is None


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"status_periods": [], "hobby": "chess"}, "hobby: unknown field"),
        ({"status_periods": [], "person": {"nickname": "x"}}, "person.nickname: unknown field"),
        (
            {"status_periods": [{"kind": "duldung", "from": "2020-01-01", "until": None}]},
            "status_periods[0].until",
        ),
        ({}, "status_periods: required"),
        (
            {"status_periods": [{"kind": "visa", "from": "2020-01-01"}]},
            "status_periods[0].kind: unknown status kind",
        ),
        ({"status_periods": [{"from": "2020-01-01"}]}, "status_periods[0].kind: required"),
        ({"status_periods": [{"kind": "duldung"}]}, "status_periods[0].from: required"),
        ({"status_periods": [{"kind": "duldung", "from": "2020-02-30"}]}, "status_periods[0].from"),
        ({"status_periods": [{"kind": "duldung", "from": "1.1.2020"}]}, "status_periods[0].from"),
        ({"status_periods": [{"kind": "duldung", "from": "20200101"}]}, "status_periods[0].from"),
        (
            {"status_periods": [{"kind": "duldung", "from": "2020-03-01", "to": "2020-02-29"}]},
            "status_periods[0].to: 2020-02-29 is before from 2020-03-01",
        ),
        (
            {
                "status_periods": [
                    {"kind": "duldung", "from": "2020-01-01", "to": "2020-06-30"},
                    {"kind": "gestattung", "from": "2020-06-30", "to": None},
                ]
            },
            "status_periods[1].from: 2020-06-30 overlaps",
        ),
        (
            {
                "status_periods": [
                    {"kind": "duldung", "from": "2020-01-01", "to": None},
                    {"kind": "gestattung", "from": "2021-01-01", "to": None},
                ]
            },
            "status_periods[1].from",
        ),
        (
            {"status_periods": [], "benefits": [{"type": "bafoeg", "from": "2020-01-01"}]},
            "benefits[0].type: unknown benefit type",
        ),
        (
            {"status_periods": [], "person": {"identity_deception": "no"}},
            "person.identity_deception: expected true or false",
        ),
        ({"status_periods": [], "as_of": "tomorrow"}, "as_of"),
        (
            {"status_periods": [], "language_certificates": [{"level": "B3"}]},
            "language_certificates[0].level",
        ),
        (
            {"status_periods": [], "convictions": [{"daily_rates": -1}]},
            "convictions[0].daily_rates: must not be negative",
        ),
        (
            {"status_periods": [], "convictions": [{"daily_rates": 1.5}]},
            "convictions[0].daily_rates: expected a whole number",
        ),
        (
            {"status_periods": [], "employment": [{"from": "2020-01-01", "hours_per_week": True}]},
            "employment[0].hours_per_week",
        ),
        (
            {"status_periods": [], "children": {"birth_date": "2016-01-01"}},
            "children: expected a list",
        ),
        ({"status_periods": [], "schooling": {"years": 3}}, "schooling.years: unknown field"),
        ([], "document: expected an object"),
    ],
)
def test_it_names_the_field_that_breaks_the_contract(doc, field):
    with pytest.raises(FactsError) as raised:
        parse_facts(doc)
    assert str(raised.value).startswith(field)
    assert "\n" not in str(raised.value)


def test_it_accepts_overlapping_employment_spells():
    """Two jobs at once are normal; only status periods must not overlap."""
    doc = with_change(
        ["employment"],
        [
            {"from": "2020-01-01", "to": None, "hours_per_week": 10, "social_insurance": True},
            {"from": "2020-06-01", "to": None, "hours_per_week": 15, "social_insurance": True},
        ],
    )
    assert len(parse_facts(doc).employment or ()) == 2
