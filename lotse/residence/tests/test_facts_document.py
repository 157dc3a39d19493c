"""Stored data becomes the contract's facts document; the engine reads it unchanged."""

import datetime

import pytest

from lotse.pathways import evaluate, parse_facts
from lotse.residence.actions import do_add_row, do_save_facts
from lotse.residence.facts import facts_document
from lotse.residence.models import (
    BenefitPeriod,
    Child,
    Conviction,
    EmploymentSpell,
    LanguageCertificate,
)
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 11, 21)


@pytest.fixture
def full_file(person, alice, history):
    do_save_facts(
        alice,
        person,
        entry_date=datetime.date(2016, 8, 20),
        identity_clarified_on=datetime.date(2018, 1, 10),
        identity_deception=False,
        fdgo_commitment=True,
        civic_knowledge=None,
        livelihood_secured=True,
        schooling_years_in_germany=3,
        benefits_complete=True,
        convictions_complete=True,
        children_complete=True,
    )
    for row in (
        LanguageCertificate(
            person=person, level="A2", oral_only=True, issued_on=datetime.date(2021, 6, 30)
        ),
        EmploymentSpell(
            person=person, valid_from=datetime.date(2022, 1, 1), hours_per_week=30, employer="X"
        ),
        BenefitPeriod(
            person=person,
            benefit="sgb2",
            valid_from=datetime.date(2020, 1, 1),
            valid_until=datetime.date(2021, 12, 31),
        ),
        Conviction(person=person, convicted_on=datetime.date(2019, 3, 1), daily_rates=30),
        Child(person=person, birth_date=datetime.date(2016, 2, 1), attends_school=True),
        Child(person=person, birth_date=datetime.date(2023, 2, 1)),
    ):
        do_add_row(alice, row)
    return person


def test_it_maps_every_stored_fact_to_the_contract(full_file):
    document = facts_document(full_file, AS_OF)
    assert document == {
        "as_of": "2026-11-21",
        "person": {
            "birth_date": "1990-05-17",
            "entry_date": "2016-08-20",
            "identity_clarified_on": "2018-01-10",
            "identity_deception": False,
            "fdgo_commitment": True,
        },
        "status_periods": [
            {"kind": "gestattung", "from": "2016-09-01", "to": "2018-03-31"},
            {"kind": "duldung", "from": "2018-04-01", "to": None},
        ],
        "language_certificates": [{"level": "A2", "oral_only": True, "date": "2021-06-30"}],
        "schooling": {"years_successful_in_germany": 3},
        "employment": [
            {"from": "2022-01-01", "to": None, "hours_per_week": 30, "social_insurance": True}
        ],
        "benefits": [{"type": "sgb2", "from": "2020-01-01", "to": "2021-12-31"}],
        "livelihood_secured": True,
        "convictions": [
            {
                "date": "2019-03-01",
                "daily_rates": 30,
                "prison_months": 0,
                "juvenile_sanction_only": False,
                "foreigner_specific_offence": False,
            }
        ],
        "children": [
            {"birth_date": "2016-02-01", "attends_school": True},
            {"birth_date": "2023-02-01"},
        ],
    }


def test_it_leaves_unknown_facts_out_rather_than_false(person, alice):
    do_save_facts(alice, person, fdgo_commitment=None)
    document = facts_document(person, AS_OF, include_birth_date=False)
    assert document == {"as_of": "2026-11-21", "person": {}, "status_periods": []}


def test_it_passes_lists_proving_a_negative_only_when_confirmed_complete(person, alice):
    do_add_row(alice, Conviction(person=person, convicted_on=datetime.date(2019, 3, 1)))
    do_add_row(
        alice, LanguageCertificate(person=person, level="B1", issued_on=datetime.date(2022, 1, 1))
    )
    document = facts_document(person, AS_OF)
    assert "convictions" not in document and "children" not in document
    assert "benefits" not in document and "employment" not in document
    assert len(document["language_certificates"]) == 1
    do_save_facts(alice, person, children_complete=True, employment_complete=True)
    document = facts_document(person, AS_OF)
    assert (document["children"], document["employment"]) == ([], [])
    assert "convictions" not in document


def test_it_writes_the_legal_basis_of_a_permit(person, alice):
    f.status_period(
        person,
        alice,
        kind="aufenthaltserlaubnis",
        paragraph="104c AufenthG",
        valid_from=datetime.date(2023, 6, 1),
    )
    (entry,) = facts_document(person, AS_OF)["status_periods"]
    assert entry == {
        "kind": "aufenthaltserlaubnis",
        "paragraph": "104c AufenthG",
        "from": "2023-06-01",
        "to": None,
    }


def test_the_engine_accepts_the_document_and_evaluates_it(full_file):
    document = facts_document(full_file, AS_OF)
    parse_facts(document)
    result = evaluate(document, as_of=AS_OF)
    assert result["as_of"] == "2026-11-21"
    ids = {p["id"] for p in result["pathways"]}
    assert {"aufenthg-25b", "aufenthg-104c", "stag-10"} <= ids
    b25 = next(p for p in result["pathways"] if p["id"] == "aufenthg-25b")
    # Civic knowledge was left unknown: § 25b cannot be "likely met".
    assert b25["outcome"] != "likely_met"
