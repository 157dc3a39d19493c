"""Properties of the period arithmetic (hypothesis), over random status histories."""

import datetime
import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lotse.pathways import evaluate
from lotse.pathways.facts import StatusPeriod
from lotse.pathways.periods import Treatment, build_chain, completes, full_months, tolerated

KINDS = ["gestattung", "duldung", "duldung_60b", "aufenthaltserlaubnis", "none"]
AS_OF = datetime.date(2026, 11, 21)
days = st.dates(min_value=datetime.date(2012, 1, 1), max_value=datetime.date(2026, 6, 30))


def treat(period):
    if period.kind == "none":
        return Treatment.BREAK
    return Treatment.NEUTRAL if period.kind == "duldung_60b" else Treatment.COUNT


@st.composite
def histories(draw):
    """Consecutive periods with random gaps, the last one possibly running on."""
    start = draw(days)
    result = []
    for _ in range(draw(st.integers(1, 6))):
        length = draw(st.integers(1, 900))
        end = start + datetime.timedelta(days=length)
        result.append(StatusPeriod(draw(st.sampled_from(KINDS)), start, end))
        # Seamless changes are the common case; then gaps around three months.
        start = end + datetime.timedelta(days=1 + draw(st.just(0) | st.integers(0, 120)))
    if draw(st.booleans()):
        last = result[-1]
        result[-1] = StatusPeriod(last.kind, last.start, None)
    return result


@given(days, days, st.integers(0, 10), st.integers(0, 11))
def test_completion_is_monotone_in_the_start(a, b, years, months):
    """BGB § 188 Abs. 2, 3: a later start never completes earlier."""
    first, second = sorted((a, b))
    assert completes(first, years, months) <= completes(second, years, months)


@given(days, st.integers(0, 200))
def test_full_months_of_a_completed_period_are_exact(start, months):
    """BGB § 188 Abs. 2, 3: a period of n months holds exactly n whole months."""
    end = completes(start, months=months) - datetime.timedelta(days=1)
    assert full_months(start, end) == months


@given(histories(), st.randoms())
@settings(max_examples=150)
def test_the_order_of_status_periods_does_not_matter(history, rnd):
    shuffled = list(history)
    rnd.shuffle(shuffled)
    doc = {
        "as_of": AS_OF.isoformat(),
        "status_periods": [
            {
                "kind": p.kind,
                "from": p.start.isoformat(),
                "to": p.end.isoformat() if p.end else None,
            }
            for p in shuffled
        ],
    }
    ordered = {**doc, "status_periods": sorted(doc["status_periods"], key=lambda p: p["from"])}
    assert evaluate(doc) == evaluate(ordered)


@given(histories(), st.integers(0, 5), st.integers(93, 800))
@settings(max_examples=200)
def test_a_gap_longer_than_three_months_never_lengthens_the_period(history, index, gap_days):
    """Cutting more than three months out of the history (a longer absence) never
    gives more counted time than the history without the absence."""
    before = build_chain(history, treat, AS_OF)
    index = index % len(history)
    cut = history[index]
    absence_end = cut.start + datetime.timedelta(days=gap_days)
    changed = []
    for period in history:
        if period.start >= absence_end or (period.end is not None and period.end < cut.start):
            changed.append(period)
        elif period.end is None or period.end >= absence_end:
            changed.append(StatusPeriod(period.kind, absence_end, period.end))
    after = build_chain(changed, treat, AS_OF)
    assert after.counted_months() <= before.counted_months()


@given(histories(), st.integers(1, 8))
@settings(max_examples=200)
def test_met_from_is_monotone_in_the_required_time(history, years):
    chain = build_chain(history, treat, AS_OF)
    shorter, longer = chain.completion(years - 1, 6), chain.completion(years)
    if longer is not None:
        assert shorter is not None and shorter <= longer


@given(histories(), st.integers(0, 2000))
@settings(max_examples=150)
def test_met_from_does_not_move_while_the_period_runs_on(history, later):
    """For an ongoing period, evaluating later gives the same completion day."""
    last = history[-1]
    if last.end is not None or last.kind in ("none", "duldung_60b"):
        return
    day = max(AS_OF, last.start)
    first = build_chain(history, treat, day)
    second = build_chain(history, treat, day + datetime.timedelta(days=later))
    assert first.completion(6) == second.completion(6)


def reference_completes(start, years, months):
    """BGB § 188 Abs. 2, 3 written out with the calendar module, independently."""
    import calendar

    month_index = start.month - 1 + 12 * years + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return datetime.date(year, month, last) + datetime.timedelta(days=1)
    return datetime.date(year, month, start.day)


@given(days, st.integers(0, 30), st.integers(-24, 24))
def test_completes_matches_an_independent_reference(start, years, months):
    """BGB § 188 Abs. 2, 3 against a calendar-module reference."""
    assert completes(start, years, months) == reference_completes(start, years, months)


@given(histories(), st.randoms())
def test_merging_spans_is_order_independent(history, rnd):
    """§ 60d Abs. 1 Nr. 3 AufenthG: employment spells in any order give the same periods."""
    from lotse.pathways.periods import merge_spans

    shuffled = list(history)
    rnd.shuffle(shuffled)
    assert merge_spans(shuffled) == merge_spans(history)
    merged = merge_spans(history)
    for before, after in itertools.pairwise(merged):
        assert before.end is not None and before.end + datetime.timedelta(days=1) < after.start


def day_by_day(history, day_treatment, as_of):
    """An independent model: walk the calendar one day at a time. Returns the first
    counted day of the alive chain, its counted days and its uncounted days inside."""
    if not history:
        return None
    by_day = {}
    for period in history:
        end = period.end or as_of
        day = period.start
        while day <= min(end, as_of):
            by_day[day] = day_treatment(period)
            day += datetime.timedelta(days=1)
    first = counted = inside = 0
    gap_start = None
    gap = pending = 0
    day = min(p.start for p in history)
    while day <= as_of:
        kind = by_day.get(day, Treatment.BREAK)
        if kind is Treatment.COUNT:
            if counted and gap_start is not None and not tolerated(gap_start, gap):
                first, counted, inside = day, 0, 0
            elif counted:
                inside += pending
            if not counted:
                first = day
            counted += 1
            gap_start, gap, pending = None, 0, 0
        elif counted:
            pending += 1
            if kind is Treatment.BREAK:
                gap_start = gap_start or day
                gap += 1
        day += datetime.timedelta(days=1)
    if not counted or (gap_start is not None and not tolerated(gap_start, gap)):
        return None
    return first, counted, inside


@given(
    histories(),
    st.dates(min_value=datetime.date(2012, 1, 1), max_value=datetime.date(2027, 12, 31)),
)
@example(
    [
        StatusPeriod("duldung", datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
        StatusPeriod("duldung_60b", datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
        StatusPeriod("duldung", datetime.date(2021, 7, 1), None),
    ],
    datetime.date(2026, 1, 1),
)
@settings(max_examples=300, deadline=None)
def test_chains_match_a_day_by_day_model(history, as_of):
    """§ 25b Abs. 1 S. 2 Nr. 1 AufenthG periods: the interval algorithm agrees with
    walking the calendar day by day (3-month tolerance, § 60b neutral, gaps not counted)."""
    chain = build_chain(history, treat, as_of)
    expected = day_by_day(history, treat, as_of)
    if expected is None:
        assert not chain.stretches
        return
    first, counted, inside = expected
    assert chain.stretches[0].start == first
    assert sum((s.end - s.start).days + 1 for s in chain.stretches) == counted
    assert chain.effective_start == first + datetime.timedelta(days=inside)
