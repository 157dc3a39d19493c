"""With LOTSE_SEARCH_TRIGRAMS on PostgreSQL the trigram index adds typos the name keys
miss; by default, and always on SQLite, search keeps to the keys."""

import pytest
from django.db import connection

from lotse.people.search import search_people
from lotse.testing import factories as f


@pytest.fixture
def layla(caritas, alice):
    f.case(caritas, f.person(caritas, alice, given_names="Layla", family_name="Qarawani"),
           managers=(alice,), actor=alice)  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_it_finds_a_consonant_typo_on_postgresql(alice, layla, settings):
    settings.LOTSE_SEARCH_TRIGRAMS = True
    # The family name alone: no key of "Qaramani" matches "Qarawani".
    found = search_people(alice, "Qaramani")
    assert [m.person.family_name for m in found] == ["Qarawani"]


def test_it_keeps_to_the_keys_by_default(alice, layla):
    # The typo changes a consonant: no exact, folded, phonetic or prefix key matches.
    found = search_people(alice, "Qaramani")
    assert found == []


def test_it_still_hides_persons_the_user_may_not_see(carol, layla, settings):
    settings.LOTSE_SEARCH_TRIGRAMS = True
    assert search_people(carol, "Qaramani") == []
