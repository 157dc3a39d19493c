"""§ 60c AufenthG (Ausbildungsduldung) and § 60d AufenthG (Beschäftigungsduldung)."""

from lotse.pathways import evaluate
from lotse.pathways.tests.builders import criterion, pathway, period, well_integrated

C, D = "aufenthg-60c", "aufenthg-60d"


def result(pathway_id, *periods, as_of="2026-11-21", **overrides):
    return evaluate(well_integrated(*periods, as_of=as_of, **overrides), pathways=[pathway_id])


def test_60c_training_is_unknown_in_facts_version_1():
    """§ 60c Abs. 1 S. 1 Nr. 1, 2 AufenthG: the training is not in the facts yet."""
    res = result(C, period("duldung", "2020-01-01"))
    assert criterion(res, C, "training")["status"] == "unknown"
    assert pathway(res, C)["outcome"] == "unknown"
    assert [c["id"] for c in pathway(res, C)["criteria"]] == [
        "status",
        "training",
        "toleration_period",
        "identity_deadline",
    ]


def test_60c_three_months_of_toleration():
    """§ 60c Abs. 2 Nr. 2 AufenthG: seit drei Monaten im Besitz einer Duldung. From 31 August
    the three months end on 30 November (BGB § 188 Abs. 3: there is no 31 November)."""
    history = period("duldung", "2026-08-31")
    before = result(C, history, as_of="2026-11-30")
    on = result(C, history, as_of="2026-12-01")
    assert criterion(before, C, "toleration_period")["status"] == "not_met"
    assert criterion(before, C, "toleration_period")["met_from"] == "2026-12-01"
    assert criterion(on, C, "toleration_period")["status"] == "met"


def test_60c_identity_within_six_months_of_entry_after_2019():
    """§ 60c Abs. 2 Nr. 3 Buchst. c AufenthG."""
    person = {"entry_date": "2021-08-31", "identity_clarified_on": "2022-02-28"}
    assert (
        criterion(
            result(C, period("duldung", "2023-01-01"), person=person), C, "identity_deadline"
        )["status"]
        == "met"
    )
    person = {"entry_date": "2021-08-31", "identity_clarified_on": "2022-03-01"}
    assert (
        criterion(
            result(C, period("duldung", "2023-01-01"), person=person), C, "identity_deadline"
        )["status"]
        == "not_met"
    )
    person = {"entry_date": "2018-05-01", "identity_clarified_on": "2020-06-30"}
    assert (
        criterion(
            result(C, period("duldung", "2023-01-01"), person=person), C, "identity_deadline"
        )["status"]
        == "met"
    )


def test_identity_not_yet_clarified_on_the_day_is_not_met():
    """§ 60c Abs. 2 Nr. 3 and § 60d Abs. 1 Nr. 1 AufenthG: clarified only after the evaluation day."""
    person = {"entry_date": "2015-01-01", "identity_clarified_on": "2027-01-01"}
    for pathway_id in (C, D):
        res = result(pathway_id, period("duldung", "2020-01-01"), person=person)
        assert criterion(res, pathway_id, "identity_deadline")["status"] == "not_met"
    unknown = result(C, period("duldung", "2020-01-01"), person={"identity_clarified_on": None})
    assert criterion(unknown, C, "identity_deadline")["status"] == "unknown"


def test_60c_and_60d_exclude_a_section_60b_duldung():
    """§ 60b Abs. 5 S. 2 AufenthG: no employment with a § 60b Duldung."""
    for pathway_id in (C, D):
        res = result(pathway_id, period("duldung_60b", "2020-01-01"))
        assert criterion(res, pathway_id, "status")["status"] == "not_met"


def test_60d_is_likely_met_for_a_tolerated_worker():
    """§ 60d Abs. 1 AufenthG, every number met."""
    res = result(D, period("duldung", "2020-01-01"))
    assert pathway(res, D)["outcome"] == "likely_met"
    assert [c["id"] for c in pathway(res, D)["criteria"]] == [
        "status",
        "entry_date",
        "identity_deadline",
        "toleration_period",
        "employment",
        "livelihood",
        "language",
        "no_convictions",
        "integration_course",
    ]


def test_60d_entry_by_31_december_2022():
    """§ 60d Abs. 1 S. 1 AufenthG."""
    assert (
        criterion(
            result(D, period("duldung", "2023-01-01"), person={"entry_date": "2022-12-31"}),
            D,
            "entry_date",
        )["status"]
        == "met"
    )
    assert (
        criterion(
            result(D, period("duldung", "2023-01-01"), person={"entry_date": "2023-01-01"}),
            D,
            "entry_date",
        )["status"]
        == "not_met"
    )


def test_60d_identity_clarified_by_the_end_of_2024_for_entries_from_2017():
    """§ 60d Abs. 1 Nr. 1 Buchst. b AufenthG."""
    person = {"entry_date": "2018-01-01", "identity_clarified_on": "2024-12-31"}
    assert (
        criterion(
            result(D, period("duldung", "2020-01-01"), person=person), D, "identity_deadline"
        )["status"]
        == "met"
    )
    person = {"entry_date": "2018-01-01", "identity_clarified_on": "2025-01-01"}
    assert (
        criterion(
            result(D, period("duldung", "2020-01-01"), person=person), D, "identity_deadline"
        )["status"]
        == "not_met"
    )


def test_60d_twelve_months_of_employment_of_at_least_20_hours():
    """§ 60d Abs. 1 Nr. 3 AufenthG: seit mindestens zwölf Monaten, mindestens 20 Stunden."""
    job = [{"from": "2025-12-01", "to": None, "hours_per_week": 20, "social_insurance": True}]
    before = result(D, period("duldung", "2020-01-01"), employment=job, as_of="2026-11-30")
    assert criterion(before, D, "employment")["status"] == "not_met"
    assert criterion(before, D, "employment")["met_from"] == "2026-12-01"
    assert pathway(before, D)["earliest_date"] == "2026-12-01"
    on = result(D, period("duldung", "2020-01-01"), employment=job, as_of="2026-12-01")
    assert criterion(on, D, "employment")["status"] == "met"
    short = [{"from": "2020-01-01", "to": None, "hours_per_week": 19.5, "social_insurance": True}]
    assert (
        criterion(result(D, period("duldung", "2020-01-01"), employment=short), D, "employment")[
            "status"
        ]
        == "not_met"
    )


def test_60d_livelihood_twelve_months_without_benefits():
    """§ 60d Abs. 1 Nr. 4, 5 AufenthG: Lebensunterhalt in den letzten zwölf Monaten gesichert."""
    benefits = [{"type": "asylblg", "from": "2020-01-01", "to": "2026-05-31"}]
    res = result(D, period("duldung", "2020-01-01"), benefits=benefits)
    assert criterion(res, D, "livelihood")["status"] == "not_met"
    assert criterion(res, D, "livelihood")["met_from"] == "2027-06-01"
    assert pathway(res, D)["earliest_date"] == "2027-06-01"


def test_60d_convictions_and_integration_course():
    """§ 60d Abs. 1 Nr. 7 (any prison sentence excludes) and Nr. 11 AufenthG."""
    custody = [{"prison_months": 6, "juvenile_sanction_only": False}]
    res = result(
        D,
        period("duldung", "2020-01-01"),
        convictions=custody,
        person={"integration_course_obliged": True, "integration_course_completed": False},
    )
    assert criterion(res, D, "no_convictions")["status"] == "not_met"
    assert criterion(res, D, "integration_course")["status"] == "not_met"
    assert pathway(res, D)["earliest_date"] is None
