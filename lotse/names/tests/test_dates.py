import datetime

import pytest

from lotse.names import BirthDate, birth_date_score, parse_birth_date, stored_birth_date

D = datetime.date


def test_it_parses_partial_dates():
    assert parse_birth_date("1990") == BirthDate(D(1990, 1, 1), "year")
    assert parse_birth_date("1990-05") == BirthDate(D(1990, 5, 1), "month")
    assert parse_birth_date("1990-05-17") == BirthDate(D(1990, 5, 17), "day")


@pytest.mark.parametrize("text", ["", "90", "1990-13", "1990-02-30", "17.05.1990", "1990-5-1"])
def test_it_refuses_other_dates(text):
    with pytest.raises(ValueError):
        parse_birth_date(text)


def test_it_scores_the_same_day_highest_and_a_swap_next():
    query = BirthDate(D(1990, 5, 7), "day")
    same = birth_date_score(query, stored_birth_date(D(1990, 5, 7), "day", False))
    swapped = birth_date_score(query, stored_birth_date(D(1990, 7, 5), "day", False))
    other = birth_date_score(query, stored_birth_date(D(1990, 9, 20), "day", False))
    assert same == 1.0 and swapped is not None and other is not None
    assert same > swapped > other


def test_it_rules_out_another_year_but_not_an_unknown_date():
    query = BirthDate(D(1990, 5, 7), "day")
    assert birth_date_score(query, stored_birth_date(D(1991, 5, 7), "day", False)) is None
    assert birth_date_score(query, stored_birth_date(None, "unknown", False)) == 0.0


def test_it_takes_the_first_of_january_for_the_year_only():
    placeholder = stored_birth_date(D(1990, 1, 1), "day", True)
    assert placeholder == BirthDate(D(1990, 1, 1), "year")
    query = BirthDate(D(1990, 5, 7), "day")
    assert birth_date_score(query, placeholder) == 0.5
    # A query of 1 January says no more than the year either.
    typed = BirthDate(D(1990, 1, 1), "day")
    assert birth_date_score(typed, stored_birth_date(D(1990, 8, 3), "day", False)) == 0.5
