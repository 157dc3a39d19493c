"""Period arithmetic: BGB §§ 187 Abs. 2, 188 Abs. 2 and 3 calendar periods, gaps of up
to three months (BMI notes on § 25b Abs. 1 S. 2 Nr. 1 AufenthG), § 60b Abs. 5 S. 1."""

import datetime

import pytest

from lotse.pathways.facts import StatusPeriod
from lotse.pathways.periods import (
    Treatment,
    build_chain,
    completes,
    full_months,
    german_duration,
    merge_spans,
    tolerated,
)

D = datetime.date.fromisoformat


def count_all(_):
    return Treatment.COUNT


def by_kind(period):
    return {"duldung": Treatment.COUNT, "duldung_60b": Treatment.NEUTRAL}.get(
        period.kind, Treatment.BREAK
    )


def periods(*spans):
    return [StatusPeriod(kind, D(start), D(end) if end else None) for kind, start, end in spans]


@pytest.mark.parametrize(
    ("start", "years", "months", "first_day_after"),
    [
        ("2016-03-01", 6, 0, "2022-03-01"),
        # § 188 Abs. 3 BGB: 29 February has no counterpart, the period ends on 28 February.
        ("2016-02-29", 6, 0, "2022-03-01"),
        ("2016-02-28", 6, 0, "2022-02-28"),
        ("2016-02-29", 4, 0, "2020-02-29"),
        ("2020-11-30", 0, 3, "2021-03-01"),
        ("2020-05-31", 0, 1, "2020-07-01"),
        ("2020-01-31", 0, 1, "2020-03-01"),
        ("2021-01-15", 0, -12, "2020-01-15"),
    ],
)
def test_it_counts_calendar_periods_like_bgb_188(start, years, months, first_day_after):
    assert completes(D(start), years, months) == D(first_day_after)


def test_it_counts_full_months_up_to_an_inclusive_end():
    """BGB § 188 Abs. 2, 3: whole months of a period, also from 29 February."""
    assert full_months(D("2021-04-01"), D("2026-11-20")) == 67
    assert full_months(D("2021-04-01"), D("2021-04-30")) == 1
    assert full_months(D("2021-04-01"), D("2021-04-29")) == 0
    assert full_months(D("2016-02-29"), D("2016-03-28")) == 1
    assert full_months(D("2021-04-02"), D("2021-04-01")) == 0


def test_it_writes_durations_in_german():
    """Reasons like the contract's '5 Jahre 7 Monate von 6 Jahren' (§ 25b Abs. 1 S. 2 Nr. 1 AufenthG)."""
    assert german_duration(67) == "5 Jahre 7 Monate"
    assert german_duration(72, dative=True) == "6 Jahren"
    assert german_duration(13) == "1 Jahr 1 Monat"
    assert german_duration(3, dative=True) == "3 Monaten"
    assert german_duration(0) == "weniger als 1 Monat"


def test_it_tolerates_a_gap_of_exactly_three_months_but_not_one_day_more():
    """Up to three months' interruption is harmless (BMI notes on § 25b Abs. 1 S. 2 Nr. 1 AufenthG), counted per BGB § 188 Abs. 2, 3."""
    # Gap 2020-02-01..2020-04-30 is exactly three months; ..2020-05-01 is one day more.
    assert tolerated(D("2020-02-01"), (D("2020-05-01") - D("2020-02-01")).days)
    assert not tolerated(D("2020-02-01"), (D("2020-05-02") - D("2020-02-01")).days)
    # A gap starting on 30 November may last until 28 February (§ 188 Abs. 3 BGB).
    assert tolerated(D("2020-11-30"), (D("2021-03-01") - D("2020-11-30")).days)
    assert not tolerated(D("2020-11-30"), (D("2021-03-02") - D("2020-11-30")).days)


def test_a_three_month_gap_keeps_the_period_but_does_not_count():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG ('ununterbrochen'); the interruption itself does not count (§ 85 AufenthG: 'außer Betracht')."""
    history = periods(("duldung", "2018-01-01", "2020-01-31"), ("duldung", "2020-05-01", None))
    chain = build_chain(history, by_kind, D("2026-01-01"))
    assert chain.ongoing
    assert chain.stretches[0].start == D("2018-01-01")
    # 90 uncounted days (Feb, Mar, Apr 2020) move the effective start.
    assert chain.effective_start == D("2018-01-01") + datetime.timedelta(days=90)
    assert chain.completion(6) == completes(chain.effective_start, 6)


def test_a_gap_of_three_months_and_a_day_breaks_the_period():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG: a longer interruption starts the period afresh."""
    history = periods(("duldung", "2018-01-01", "2020-01-31"), ("duldung", "2020-05-02", None))
    chain = build_chain(history, by_kind, D("2026-01-01"))
    assert chain.stretches[0].start == D("2020-05-02")
    assert chain.effective_start == D("2020-05-02")


def test_a_none_period_interrupts_like_an_uncovered_gap():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG: time without a lawful or tolerated stay interrupts."""
    history = periods(
        ("duldung", "2018-01-01", "2020-01-31"),
        ("none", "2020-02-01", "2020-05-01"),
        ("duldung", "2020-05-02", None),
    )
    assert build_chain(history, by_kind, D("2026-01-01")).effective_start == D("2020-05-02")


def test_section_60b_periods_neither_count_nor_break():
    """§ 60b Abs. 5 S. 1 AufenthG: not counted as prior toleration, yet the person stays tolerated."""
    history = periods(
        ("duldung", "2018-01-01", "2019-12-31"),
        ("duldung_60b", "2020-01-01", "2021-12-31"),
        ("duldung", "2022-01-01", None),
    )
    chain = build_chain(history, by_kind, D("2026-01-01"))
    assert chain.stretches[0].start == D("2018-01-01")
    # The 731 days of § 60b (2020 is a leap year) move the effective start.
    assert chain.effective_start == D("2018-01-01") + datetime.timedelta(days=731)
    assert chain.completion(6) == D("2026-01-02")


def test_a_current_section_60b_duldung_stops_the_clock():
    """§ 60b Abs. 5 S. 1 AufenthG: a running § 60b Duldung adds no time."""
    history = periods(("duldung", "2018-01-01", "2019-12-31"), ("duldung_60b", "2020-01-01", None))
    chain = build_chain(history, by_kind, D("2026-01-01"))
    assert not chain.ongoing
    assert chain.completion(6) is None
    assert chain.completion(1) == D("2019-01-01")


def test_the_period_completes_on_its_day_not_the_day_before():
    """BGB § 188 Abs. 2: four years from 29.2.2020 end with 28.2.2024; met on 29.2.2024."""
    history = periods(("duldung", "2020-02-29", None))
    chain = build_chain(history, by_kind, D("2024-02-28"))
    assert chain.completion(4) == D("2024-02-29")
    # On 2024-02-28 the fourth year is not over yet; it is the next day.
    assert chain.counted_months() == 47
    assert not chain.met(4)
    later = build_chain(history, by_kind, D("2024-02-29"))
    assert later.counted_months() == 48
    assert later.met(4)


def test_a_trailing_gap_longer_than_three_months_ends_the_chain():
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG: an interruption still running breaks the period once it passes three months."""
    history = periods(("duldung", "2018-01-01", "2020-01-31"))
    assert build_chain(history, by_kind, D("2020-04-30")).stretches
    assert not build_chain(history, by_kind, D("2020-05-01")).stretches


def test_periods_after_the_evaluation_date_are_ignored():
    """Only facts up to the evaluation day count (§ 25b Abs. 1 S. 2 Nr. 1 AufenthG 'seit')."""
    history = periods(("duldung", "2018-01-01", "2030-12-31"))
    chain = build_chain(history, by_kind, D("2020-01-01"))
    assert chain.last_counted == D("2020-01-01")
    assert chain.ongoing


def test_it_merges_overlapping_and_adjoining_spans():
    """§ 60d Abs. 1 Nr. 3 AufenthG: employment with several employers adds up."""
    spans = periods(
        ("x", "2020-01-01", "2020-03-31"),
        ("x", "2020-04-01", "2020-05-31"),
        ("x", "2020-05-01", None),
        ("x", "2021-01-01", "2021-02-01"),
    )
    merged = merge_spans(spans)
    assert [(m.start, m.end) for m in merged] == [(D("2020-01-01"), None)]


def test_employment_without_tolerance_breaks_on_one_day():
    """§ 60d Abs. 1 Nr. 3 AufenthG: 'seit mindestens zwölf Monaten' employment, without gaps."""
    spells = periods(("x", "2024-01-01", "2024-06-30"), ("x", "2024-07-02", None))
    chain = build_chain(spells, count_all, D("2025-12-01"), tolerance_months=0)
    assert chain.stretches[0].start == D("2024-07-02")
