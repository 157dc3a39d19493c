"""Ranking one query against a person's names."""

from lotse.names import best_name_similarity, name_parts, name_similarity, query_tokens
from lotse.names.similarity import CachedSimilarity


def score(query, given, family):
    return name_similarity(query_tokens(query), name_parts(given, family))


def test_it_scores_the_same_name_one():
    assert score("Amina Haddad", "Amina", "Haddad") == 1.0


def test_it_scores_swapped_names_like_the_right_order():
    assert score("Haddad Amina", "Amina", "Haddad") == 1.0


def test_it_scores_variants_and_other_scripts_high():
    assert score("Muhammad Alahmadi", "Mohammed", "Al-Ahmadi") == 1.0
    assert score("Schewtschenko Olena", "Olena", "Shevchenko") >= 0.95
    assert score("محمد الأحمدي", "Mohammed", "Al-Ahmadi") >= 0.85


def test_it_scores_a_partial_name_a_little_lower_than_the_whole():
    whole = score("Amina Haddad", "Amina Fatima", "Haddad")
    partial = score("Haddad", "Amina Fatima", "Haddad")
    assert 0.9 < partial < 1.0
    assert whole > partial


def test_it_scores_another_family_name_low():
    assert score("Mohammed Karimi", "Mohammed", "Al-Ahmadi") < 0.6


def test_it_finds_the_part_being_typed_by_its_start():
    assert score("Amina Hadd", "Amina", "Haddad") > 0.9


def test_it_takes_the_best_of_several_spellings():
    names = [name_parts("Mohammed", "Karimi"), name_parts("محمد", "كريمي")]
    assert best_name_similarity(query_tokens("mhmd krymy"), names) > 0.85


def test_it_scores_the_same_with_the_cache():
    query = query_tokens("Yusuf Al Hassan")
    cached = CachedSimilarity(query)
    for given, family in [("Yousef", "Alhassan"), ("Jusuf", "Hassan"), ("Omar", "Hassan")]:
        parts = name_parts(given, family)
        assert cached.name(parts) == name_similarity(query, parts)
