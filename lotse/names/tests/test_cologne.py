"""Kölner Phonetik against the examples published with the algorithm."""

import pytest

from lotse.names import cologne


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Müller-Lüdenscheidt", "65752682"),
        ("Wikipedia", "3412"),
        ("Breschnew", "17863"),
        ("Meier", "67"),
        ("Meyer", "67"),
        ("Mayr", "67"),
        ("Schmidt", "862"),
        ("Schmitt", "862"),
        ("Heinz Classen", "068586"),
        ("Xaver", "4837"),
        ("Philipp", "351"),
    ],
)
def test_it_codes_the_published_examples(word, code):
    assert cologne(word) == code


def test_it_keeps_a_leading_vowel_and_drops_the_others():
    assert cologne("Ahmadi") == "062"
    assert cologne("Omar") == "067"


def test_it_codes_nothing_for_no_letters():
    assert cologne("") == ""
    assert cologne("--") == ""


def test_it_treats_sharp_s_and_umlauts_like_their_letters():
    assert cologne("Strauß") == cologne("Strauss")
    assert cologne("Jürgen") == cologne("Jurgen")
