"""§ 104c AufenthG (Chancen-Aufenthaltsrecht)."""

import datetime

from lotse.pathways import evaluate
from lotse.pathways.tests.builders import criterion, pathway, period, well_integrated

ID = "aufenthg-104c"
IN_FORCE = "2024-06-01"


def result(*periods, as_of=IN_FORCE, **overrides):
    return evaluate(well_integrated(*periods, as_of=as_of, **overrides), pathways=[ID])


def test_it_is_likely_met_for_a_person_tolerated_five_years_on_the_cutoff():
    """§ 104c Abs. 1 S. 1: tolerated, five years on 31.10.2022, every other criterion met."""
    res = result(period("duldung", "2017-10-31"))
    assert pathway(res, ID)["outcome"] == "likely_met"
    assert [c["id"] for c in pathway(res, ID)["criteria"]] == [
        "status",
        "residence_on_cutoff",
        "fdgo_commitment",
        "no_convictions",
        "no_identity_deception",
    ]


def test_residence_on_cutoff_needs_the_stay_to_begin_by_31_october_2017():
    """§ 104c Abs. 1 S. 1: 'am 31. Oktober 2022 seit fünf Jahren' - start 31.10.2017 is enough,
    1.11.2017 is a day late, and waiting cannot help (no earliest date)."""
    assert (
        criterion(result(period("duldung", "2017-10-31")), ID, "residence_on_cutoff")["status"]
        == "met"
    )
    late = result(period("duldung", "2017-11-01"))
    assert criterion(late, ID, "residence_on_cutoff")["status"] == "not_met"
    assert (
        criterion(late, ID, "residence_on_cutoff")["reason"]
        == "am 31.10.2022: 4 Jahre 11 Monate von 5 Jahren"
    )
    assert pathway(late, ID)["earliest_date"] is None


def test_section_60b_periods_count_for_the_cutoff():
    """§ 104c Abs. 1 S. 3 AufenthG: the periods of § 60b Abs. 5 S. 1 count here."""
    res = result(period("duldung_60b", "2017-01-01", "2021-12-31"), period("duldung", "2022-01-01"))
    assert criterion(res, ID, "residence_on_cutoff")["status"] == "met"


def test_status_needs_a_duldung():
    """§ 104c Abs. 1 S. 1 AufenthG: 'einem geduldeten Ausländer'."""
    res = result(period("gestattung", "2015-01-01"))
    assert criterion(res, ID, "status")["status"] == "not_met"


def test_it_is_not_in_force_before_31_december_2022_or_after_2025():
    """§ 104c applications from 31.12.2022; no new grants from 1.1.2026."""
    history = period("duldung", "2015-01-01")
    assert pathway(result(history, as_of="2022-12-30"), ID)["outcome"] == "not_in_force"
    assert pathway(result(history, as_of="2022-12-31"), ID)["outcome"] == "likely_met"
    assert pathway(result(history, as_of="2025-12-31"), ID)["outcome"] == "likely_met"
    assert pathway(result(history, as_of="2026-01-01"), ID)["outcome"] == "not_in_force"


def test_fines_up_to_50_daily_rates_are_disregarded_but_51_are_not():
    """§ 104c Abs. 1 S. 1 Nr. 2 AufenthG: Geldstrafen von insgesamt bis zu 50 Tagessätzen."""
    history = period("duldung", "2015-01-01")

    def fine(rates, specific=False):
        return [
            {
                "daily_rates": rates,
                "prison_months": 0,
                "juvenile_sanction_only": False,
                "foreigner_specific_offence": specific,
            }
        ]

    assert criterion(result(history, convictions=fine(50)), ID, "no_convictions")["status"] == "met"
    assert (
        criterion(result(history, convictions=fine(51)), ID, "no_convictions")["status"]
        == "not_met"
    )
    # Up to 90 for offences only foreigners can commit (AufenthG, AsylG).
    assert (
        criterion(result(history, convictions=fine(90, True)), ID, "no_convictions")["status"]
        == "met"
    )
    assert (
        criterion(result(history, convictions=fine(91, True)), ID, "no_convictions")["status"]
        == "not_met"
    )
    # "insgesamt": two fines are added up.
    assert (
        criterion(result(history, convictions=fine(30) + fine(30)), ID, "no_convictions")["status"]
        == "not_met"
    )


def test_juvenile_sanctions_other_than_youth_custody_are_disregarded():
    """§ 104c Abs. 1 S. 1 Nr. 2 AufenthG: Verurteilungen nach Jugendstrafrecht, die nicht auf Jugendstrafe lauten."""
    juvenile = [{"daily_rates": None, "prison_months": None, "juvenile_sanction_only": True}]
    res = result(period("duldung", "2015-01-01"), convictions=juvenile)
    assert criterion(res, ID, "no_convictions")["status"] == "met"


def test_identity_deception_and_missing_fdgo_commitment_exclude():
    """§ 104c Abs. 1 S. 2 (Täuschung) and S. 1 Nr. 1 (Bekenntnis) AufenthG."""
    res = result(
        period("duldung", "2015-01-01"),
        person={"identity_deception": True, "fdgo_commitment": None},
    )
    assert criterion(res, ID, "no_identity_deception")["status"] == "not_met"
    assert criterion(res, ID, "fdgo_commitment")["status"] == "unknown"
    assert pathway(res, ID)["outcome"] == "not_met"


def test_missing_convictions_are_unknown_never_met():
    """§ 104c Abs. 1 S. 1 Nr. 2 AufenthG: without the facts the criterion is unknown, never met."""
    res = result(period("duldung", "2015-01-01"), convictions=None)
    assert criterion(res, ID, "no_convictions")["status"] == "unknown"
    assert pathway(res, ID)["outcome"] == "unknown"
    assert datetime.date.fromisoformat(res["as_of"]) == datetime.date(2024, 6, 1)
