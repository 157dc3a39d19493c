"""§ 25a AufenthG (young people)."""

from lotse.pathways import evaluate
from lotse.pathways.tests.builders import criterion, pathway, period, well_integrated

ID = "aufenthg-25a"


def result(*periods, as_of="2026-11-21", **overrides):
    return evaluate(well_integrated(*periods, as_of=as_of, **overrides), pathways=[ID])


def test_it_is_discretionary_at_best_because_of_the_integration_prognosis():
    """§ 25a Abs. 1 S. 1 Nr. 4 AufenthG: the prognosis is the authority's judgement."""
    res = result(period("duldung", "2020-01-01"))
    assert pathway(res, ID)["outcome"] == "discretionary"
    assert criterion(res, ID, "integration_prognosis")["status"] == "discretionary"


def test_twelve_months_of_toleration_complete_on_the_anniversary():
    """§ 25a Abs. 1 S. 1 AufenthG: 'seit mindestens zwölf Monaten im Besitz einer Duldung'."""
    history = [period("gestattung", "2020-01-01", "2025-12-31"), period("duldung", "2026-01-01")]
    before = result(*history, as_of="2026-12-31")
    on = result(*history, as_of="2027-01-01")
    assert criterion(before, ID, "status")["status"] == "not_met"
    assert criterion(before, ID, "status")["met_from"] == "2027-01-01"
    assert pathway(before, ID)["earliest_date"] == "2027-01-01"
    assert criterion(on, ID, "status")["status"] == "met"


def test_a_104c_holder_needs_no_toleration_period():
    """§ 25a Abs. 1 S. 1 AufenthG: 'Inhaber einer Aufenthaltserlaubnis nach § 104c'."""
    res = result(
        period("duldung", "2017-01-01", "2025-06-30"),
        period("aufenthaltserlaubnis", "2025-07-01", paragraph="§ 104c AufenthG"),
    )
    assert criterion(res, ID, "status")["status"] == "met"


def test_the_application_must_come_before_the_27th_birthday():
    """§ 25a Abs. 1 S. 1 Nr. 3 AufenthG; BGB § 187 Abs. 2 S. 2: the 27th year ends with the day before the birthday."""
    person = {"birth_date": "2000-03-01"}
    last = result(period("duldung", "2020-01-01"), as_of="2027-02-28", person=person)
    late = result(period("duldung", "2020-01-01"), as_of="2027-03-01", person=person)
    assert criterion(last, ID, "age")["status"] == "met"
    assert criterion(late, ID, "age")["status"] == "not_met"


def test_born_on_29_february_the_last_day_is_28_february():
    """§ 25a Abs. 1 S. 1 Nr. 3 AufenthG, BGB § 188 Abs. 3."""
    person = {"birth_date": "2000-02-29"}
    assert (
        criterion(
            result(period("duldung", "2020-01-01"), as_of="2027-02-28", person=person), ID, "age"
        )["status"]
        == "met"
    )
    assert (
        criterion(
            result(period("duldung", "2020-01-01"), as_of="2027-03-01", person=person), ID, "age"
        )["status"]
        == "not_met"
    )


def test_no_earliest_date_when_the_period_completes_after_the_age_limit():
    """§ 25a Abs. 1 S. 1 Nr. 1 and Nr. 3: three years would only complete after the 27th birthday."""
    res = result(
        period("duldung", "2026-01-01"), as_of="2026-11-21", person={"birth_date": "2001-05-03"}
    )
    assert criterion(res, ID, "residence_period")["met_from"] == "2029-01-01"
    assert pathway(res, ID)["outcome"] == "not_met"
    assert pathway(res, ID)["earliest_date"] is None


def test_three_years_of_stay_and_of_schooling():
    """§ 25a Abs. 1 S. 1 Nr. 1 (drei Jahre ununterbrochen) and Nr. 2 (drei Jahre Schulbesuch oder Abschluss)."""
    res = result(
        period("duldung", "2024-01-01"),
        schooling={"years_successful_in_germany": 2, "german_qualification": False},
    )
    assert criterion(res, ID, "residence_period")["reason"] == "2 Jahre 10 Monate von 3 Jahren"
    assert criterion(res, ID, "residence_period")["met_from"] == "2027-01-01"
    assert criterion(res, ID, "schooling")["status"] == "not_met"
    qualified = result(period("duldung", "2020-01-01"), schooling={"german_qualification": True})
    assert criterion(qualified, ID, "schooling")["status"] == "met"


def test_section_60b_is_neither_status_nor_prior_time():
    """§ 60b Abs. 5 S. 1 AufenthG: § 60b periods are not prior toleration periods."""
    res = result(period("duldung_60b", "2018-01-01"))
    assert criterion(res, ID, "status")["status"] == "not_met"
    assert criterion(res, ID, "residence_period")["status"] == "not_met"


def test_identity_deception_excludes():
    """§ 25a Abs. 1 S. 3 AufenthG."""
    res = result(period("duldung", "2020-01-01"), person={"identity_deception": True})
    assert criterion(res, ID, "no_identity_deception")["status"] == "not_met"
