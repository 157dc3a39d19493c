"""§ 10 StAG (naturalisation) with § 12a StAG."""

from lotse.pathways import evaluate
from lotse.pathways.tests.builders import criterion, pathway, period, well_integrated

ID = "stag-10"


def result(*periods, as_of="2026-11-21", **overrides):
    return evaluate(well_integrated(*periods, as_of=as_of, **overrides), pathways=[ID])


def test_five_years_with_a_residence_title_are_likely_met():
    """§ 10 Abs. 1 S. 1 StAG: five years of lawful habitual residence, Nr. 2 a settlement permit."""
    res = result(
        period("aufenthaltserlaubnis", "2019-01-01", "2023-12-31", "18a AufenthG"),
        period("niederlassungserlaubnis", "2024-01-01"),
    )
    assert pathway(res, ID)["outcome"] == "likely_met"


def test_a_duldung_is_not_lawful_residence():
    """§ 10 Abs. 1 S. 1 StAG: 'rechtmäßig'; a Duldung interrupts."""
    res = result(
        period("duldung", "2015-01-01", "2022-12-31"),
        period("aufenthaltserlaubnis", "2023-01-01", paragraph="25b AufenthG"),
    )
    assert criterion(res, ID, "residence_period")["status"] == "not_met"
    assert criterion(res, ID, "residence_period")["met_from"] == "2028-01-01"
    assert pathway(res, ID)["earliest_date"] == "2028-01-01"


def test_the_asylum_procedure_counts_after_recognition():
    """§ 55 Abs. 3 AsylG with § 10 Abs. 1 S. 1 StAG."""
    recognised = result(
        period("gestattung", "2020-01-01", "2021-06-30"),
        period("aufenthaltserlaubnis", "2021-07-01", paragraph="25 Abs. 2 AufenthG"),
        as_of="2026-03-01",
    )
    assert criterion(recognised, ID, "residence_period")["status"] == "met"
    other = result(
        period("gestattung", "2020-01-01", "2021-06-30"),
        period("aufenthaltserlaubnis", "2021-07-01", paragraph="25 Abs. 5 AufenthG"),
        as_of="2026-03-01",
    )
    assert criterion(other, ID, "residence_period")["status"] == "not_met"


def test_excluded_residence_purposes():
    """§ 10 Abs. 1 S. 1 Nr. 2 StAG: not §§ 16a, 23 Abs. 1, 25 Abs. 3 to 5, 104c; § 25 Abs. 1, 2 qualify."""
    cases = {
        "25 Abs. 5 AufenthG": "not_met",
        "25 Abs. 2 S. 1 Alt. 1 AufenthG": "met",
        "§ 16a AufenthG": "not_met",
        "23 Abs. 1 AufenthG": "not_met",
        "23 Abs. 2 AufenthG": "met",
        "104c AufenthG": "not_met",
        "25 AufenthG": "unknown",
    }
    for paragraph, status in cases.items():
        res = result(period("aufenthaltserlaubnis", "2015-01-01", paragraph=paragraph))
        assert criterion(res, ID, "residence_title")["status"] == status, paragraph
    assert (
        criterion(
            result(period("blaue_karte", "2015-01-01", paragraph="18g AufenthG")),
            ID,
            "residence_title",
        )["status"]
        == "met"
    )


def test_fines_up_to_90_daily_rates_are_disregarded():
    """§ 12a Abs. 1 S. 1 Nr. 2 and S. 2 StAG: up to 90 daily rates, several added up."""
    history = period("niederlassungserlaubnis", "2015-01-01")
    assert (
        criterion(result(history, convictions=[{"daily_rates": 90}]), ID, "no_convictions")[
            "status"
        ]
        == "met"
    )
    assert (
        criterion(result(history, convictions=[{"daily_rates": 91}]), ID, "no_convictions")[
            "status"
        ]
        == "not_met"
    )
    assert (
        criterion(
            result(history, convictions=[{"daily_rates": 50}, {"daily_rates": 41}]),
            ID,
            "no_convictions",
        )["status"]
        == "not_met"
    )
    # § 12a Abs. 1 S. 1 Nr. 3: up to three months' prison only if suspended and remitted: not in the facts.
    assert (
        criterion(result(history, convictions=[{"prison_months": 3}]), ID, "no_convictions")[
            "status"
        ]
        == "unknown"
    )
    # Nr. 1: educational measures and disciplinary means of juvenile law.
    assert (
        criterion(
            result(history, convictions=[{"daily_rates": None, "juvenile_sanction_only": True}]),
            ID,
            "no_convictions",
        )["status"]
        == "met"
    )


def test_livelihood_without_sgb_ii_or_xii():
    """§ 10 Abs. 1 S. 1 Nr. 3 StAG, with the exception for 20 of 24 months of full-time work (Buchst. a)."""
    history = period("niederlassungserlaubnis", "2015-01-01")
    sgb2 = [{"type": "sgb2", "from": "2026-01-01", "to": None}]
    part_time = [{"from": "2020-01-01", "to": None, "hours_per_week": 20, "social_insurance": True}]
    assert (
        criterion(result(history, benefits=sgb2, employment=part_time), ID, "livelihood")["status"]
        == "not_met"
    )
    full_time = [{"from": "2020-01-01", "to": None, "hours_per_week": 39, "social_insurance": True}]
    assert (
        criterion(result(history, benefits=sgb2, employment=full_time), ID, "livelihood")["status"]
        == "met"
    )
    housing = [{"type": "wohngeld", "from": "2026-01-01", "to": None}]
    assert (
        criterion(result(history, benefits=housing, livelihood_secured=None), ID, "livelihood")[
            "status"
        ]
        == "met"
    )


def test_language_b1_test_identity_and_commitment():
    """§ 10 Abs. 1 S. 1 Nr. 6 with Abs. 4 (B1), Nr. 7 with Abs. 5 (Einbürgerungstest), Nr. 1 (Bekenntnis), identity clarified."""
    res = result(
        period("niederlassungserlaubnis", "2015-01-01"),
        language_certificates=[{"level": "B1", "oral_only": True, "date": "2020-01-01"}],
        person={
            "naturalisation_test_passed": None,
            "identity_clarified_on": None,
            "fdgo_commitment": False,
        },
    )
    assert criterion(res, ID, "language")["status"] == "not_met"
    assert criterion(res, ID, "naturalisation_test")["status"] == "unknown"
    assert criterion(res, ID, "identity")["status"] == "unknown"
    assert criterion(res, ID, "fdgo_commitment")["status"] == "not_met"


def test_it_is_not_in_force_before_27_june_2024():
    """The modelled § 10 StAG (five years) applies from 27.6.2024."""
    history = period("niederlassungserlaubnis", "2015-01-01")
    assert pathway(result(history, as_of="2024-06-26"), ID)["outcome"] == "not_in_force"
    assert pathway(result(history, as_of="2024-06-27"), ID)["outcome"] == "likely_met"
