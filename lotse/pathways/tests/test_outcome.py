"""The outcome order and earliest_date of the contract's result document."""

import datetime

from lotse.pathways.result import Criterion, decide

D = datetime.date


def crit(status, met_from=None, time_based=False, met_until=None):
    return Criterion("x", status, "r", "§ 1", met_from, time_based, met_until)


def test_it_decides_in_the_contract_order():
    everything = (crit("met"), crit("discretionary"), crit("unknown"), crit("not_met"))
    assert decide(everything, in_force=False, valid_until=None) == ("not_in_force", None)
    assert decide(everything, in_force=True, valid_until=None)[0] == "not_met"
    assert decide(everything[:3], in_force=True, valid_until=None)[0] == "unknown"
    assert decide(everything[:2], in_force=True, valid_until=None)[0] == "discretionary"
    assert decide(everything[:1], in_force=True, valid_until=None)[0] == "likely_met"


def test_earliest_date_is_the_last_time_based_completion():
    criteria = (
        crit("not_met", D(2027, 4, 1), True),
        crit("not_met", D(2027, 6, 1), True),
        crit("met", D(2020, 1, 1), True),
        crit("unknown"),
    )
    assert decide(criteria, in_force=True, valid_until=None) == ("not_met", D(2027, 6, 1))


def test_no_earliest_date_when_something_else_is_not_met():
    criteria = (crit("not_met", D(2027, 4, 1), True), crit("not_met"))
    assert decide(criteria, in_force=True, valid_until=None) == ("not_met", None)


def test_no_earliest_date_when_the_time_never_completes():
    assert decide((crit("not_met", None, True),), in_force=True, valid_until=None) == (
        "not_met",
        None,
    )


def test_no_earliest_date_after_an_age_limit_or_the_rules_end():
    criteria = (
        crit("not_met", D(2027, 4, 1), True),
        crit("met", D(2010, 1, 1), True, D(2027, 3, 31)),
    )
    assert decide(criteria, in_force=True, valid_until=None) == ("not_met", None)
    assert decide(criteria[:1], in_force=True, valid_until=D(2027, 3, 31)) == ("not_met", None)
    assert decide(criteria[:1], in_force=True, valid_until=D(2027, 4, 1)) == (
        "not_met",
        D(2027, 4, 1),
    )
