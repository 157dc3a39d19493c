"""Properties of the keys: idempotent, insensitive to case and diacritics, order-free."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.names import name_key_rows, name_parts, name_similarity, normalised, query_tokens, tokens
from lotse.names.tokens import DROPPED_PARTICLES, JOINING_PARTICLES

letters = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüéçşñ"), min_size=2, max_size=12
)
# Name parts, not articles: a query cannot tell "Omar Al" from "Al Omar" apart
# from the fields, so a family name that is only an article is left out here.
parts = letters.filter(lambda w: normalised(w) not in DROPPED_PARTICLES | JOINING_PARTICLES)
names = st.lists(parts, min_size=1, max_size=3).map(" ".join)


@given(names)
@settings(max_examples=200)
def test_it_is_idempotent(name):
    once = normalised(name)
    assert normalised(once) == once or not once


@given(names)
@settings(max_examples=200)
def test_it_ignores_case(name):
    assert [t.form for t in tokens(name.upper())] == [t.form for t in tokens(name)]


@given(names)
@settings(max_examples=200)
def test_it_ignores_diacritics(name):
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    assert name_key_rows([(name, "")]) == name_key_rows([(plain, "")])


@given(names, names)
@settings(max_examples=200)
def test_it_finds_a_name_by_itself_in_either_order(given_names, family):
    parts = name_parts(given_names, family)
    if not parts:
        return
    assert name_similarity(query_tokens(f"{given_names} {family}"), parts) == 1.0
    assert name_similarity(query_tokens(f"{family} {given_names}"), parts) == 1.0
