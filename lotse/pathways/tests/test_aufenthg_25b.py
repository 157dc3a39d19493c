"""§ 25b AufenthG (sustainable integration)."""

from lotse.pathways import evaluate
from lotse.pathways.tests.builders import criterion, document, pathway, period, well_integrated

ID = "aufenthg-25b"


def result(*periods, as_of="2026-11-21", **overrides):
    return evaluate(well_integrated(*periods, as_of=as_of, **overrides), pathways=[ID])


def test_the_contract_example_figures_follow_from_a_duldung_since_april_2021():
    """§ 25b Abs. 1 S. 2 Nr. 1: the interface's example, '5 Jahre 7 Monate von 6 Jahren', met from 2027-04-01."""
    res = result(period("duldung", "2021-04-01"))
    path = pathway(res, ID)
    assert path["outcome"] == "not_met"
    assert path["earliest_date"] == "2027-04-01"
    assert criterion(res, ID, "residence_period") == {
        "id": "residence_period",
        "status": "not_met",
        "met_from": "2027-04-01",
        "reason": "5 Jahre 7 Monate von 6 Jahren",
        "source": "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG; § 60b Abs. 5 S. 1 AufenthG",
    }


def test_six_years_are_met_on_the_day_they_complete_not_the_day_before():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG with BGB § 188 Abs. 2: 2021-04-01 + 6 years."""
    before = result(period("duldung", "2021-04-01"), as_of="2027-03-31")
    on = result(period("duldung", "2021-04-01"), as_of="2027-04-01")
    assert criterion(before, ID, "residence_period")["status"] == "not_met"
    assert criterion(before, ID, "residence_period")["reason"] == "5 Jahre 11 Monate von 6 Jahren"
    assert criterion(on, ID, "residence_period")["status"] == "met"
    assert pathway(on, ID)["outcome"] == "likely_met"


def test_a_stay_starting_on_29_february_completes_on_1_march():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG, BGB § 188 Abs. 3: no 29 February in 2026."""
    res = result(period("duldung", "2020-02-29"), as_of="2026-02-28")
    assert criterion(res, ID, "residence_period")["met_from"] == "2026-03-01"
    assert criterion(res, ID, "residence_period")["status"] == "not_met"
    assert (
        criterion(
            result(period("duldung", "2020-02-29"), as_of="2026-03-01"), ID, "residence_period"
        )["status"]
        == "met"
    )


def test_four_years_suffice_with_a_minor_child_in_the_household():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG: vier Jahre bei minderjährigem ledigen Kind."""
    res = result(period("duldung", "2022-01-01"), person={"living_with_minor_child": True})
    assert criterion(res, ID, "residence_period")["status"] == "met"
    unknown = result(period("duldung", "2022-01-01"), person={"living_with_minor_child": None})
    assert criterion(unknown, ID, "residence_period")["status"] == "unknown"


def test_section_60b_periods_do_not_count_except_for_104c_holders():
    """§ 60b Abs. 5 S. 1 AufenthG; holders of a § 104c permit count them (§ 25b Abs. 1 AufenthG)."""
    history = [period("duldung_60b", "2016-01-01", "2023-12-31"), period("duldung", "2024-01-01")]
    assert criterion(result(*history), ID, "residence_period")["status"] == "not_met"
    holder = [
        period("duldung_60b", "2016-01-01", "2023-12-31"),
        period("aufenthaltserlaubnis", "2024-01-01", paragraph="104c AufenthG"),
    ]
    res = result(*holder)
    assert criterion(res, ID, "residence_period")["status"] == "met"
    assert criterion(res, ID, "status")["status"] == "met"


def test_a_gap_of_three_months_keeps_the_period_and_one_day_more_breaks_it():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG: 'ununterbrochen'; up to three months are harmless."""
    kept = result(
        period("duldung", "2016-01-01", "2020-01-31"),
        period("duldung", "2020-05-01"),
        as_of="2026-03-01",
    )
    broken = result(
        period("duldung", "2016-01-01", "2020-01-31"),
        period("duldung", "2020-05-02"),
        as_of="2026-03-01",
    )
    assert criterion(kept, ID, "residence_period")["status"] == "met"
    assert criterion(broken, ID, "residence_period")["status"] == "not_met"
    assert criterion(broken, ID, "residence_period")["met_from"] == "2026-05-02"


def test_status_needs_a_duldung_or_a_104c_permit():
    """§ 25b Abs. 1 S. 1 AufenthG."""
    res = result(period("aufenthaltserlaubnis", "2015-01-01", paragraph="25 Abs. 5 AufenthG"))
    assert criterion(res, ID, "status")["status"] == "not_met"
    assert pathway(res, ID)["earliest_date"] is None


def test_livelihood_language_children_and_knowledge():
    """§ 25b Abs. 1 S. 2 Nr. 2 (FDGO, Grundkenntnisse), Nr. 3 (Lebensunterhalt), Nr. 4 (A2 mündlich), Nr. 5 (Schulbesuch)."""
    res = result(
        period("duldung", "2015-01-01"),
        person={"civic_knowledge": False},
        livelihood_secured=False,
        language_certificates=[{"level": "A2", "oral_only": True, "date": "2027-01-01"}],
        children=[{"birth_date": "2015-03-01", "attends_school": False}],
    )
    assert criterion(res, ID, "fdgo_and_civic_knowledge")["status"] == "not_met"
    assert criterion(res, ID, "livelihood")["status"] == "not_met"
    # A certificate dated after the evaluation day does not count yet.
    assert criterion(res, ID, "language")["status"] == "not_met"
    assert criterion(res, ID, "children_school")["status"] == "not_met"
    good = result(
        period("duldung", "2015-01-01"),
        language_certificates=[{"level": "A2", "oral_only": True, "date": "2020-01-01"}],
        children=[
            {"birth_date": "2024-03-01"},
            {"birth_date": "2015-03-01", "attends_school": True},
        ],
    )
    assert criterion(good, ID, "language")["status"] == "met"
    assert criterion(good, ID, "children_school")["status"] == "met"


def test_livelihood_from_the_history_when_not_assessed():
    """§ 25b Abs. 1 S. 2 Nr. 3 AufenthG: überwiegend durch Erwerbstätigkeit."""
    job = [{"from": "2020-01-01", "to": None, "hours_per_week": 30, "social_insurance": True}]
    plain = result(
        period("duldung", "2015-01-01"), livelihood_secured=None, employment=job, benefits=[]
    )
    assert criterion(plain, ID, "livelihood")["status"] == "met"
    topped = result(
        period("duldung", "2015-01-01"),
        livelihood_secured=None,
        employment=job,
        benefits=[{"type": "sgb2", "from": "2026-01-01", "to": None}],
    )
    assert criterion(topped, ID, "livelihood")["status"] == "discretionary"
    assert (
        criterion(
            result(
                period("duldung", "2015-01-01"),
                livelihood_secured=None,
                employment=None,
                benefits=None,
            ),
            ID,
            "livelihood",
        )["status"]
        == "unknown"
    )


def test_identity_deception_excludes():
    """§ 25b Abs. 2 Nr. 1 AufenthG."""
    res = result(period("duldung", "2015-01-01"), person={"identity_deception": True})
    assert criterion(res, ID, "no_identity_deception")["status"] == "not_met"
    assert pathway(res, ID)["earliest_date"] is None


def test_a_bare_document_is_unknown_never_met():
    """§ 25b Abs. 1 S. 2 Nr. 2-5 AufenthG: missing facts make the outcome unknown."""
    res = evaluate(document(period("duldung", "2015-01-01")), pathways=[ID])
    assert pathway(res, ID)["outcome"] == "unknown"
