"""A one-word search (the live search while typing) finds the same candidates,
in the same order, as the general key lookup, with far less reading at scale."""

import datetime
import random

import pytest
from django.db import connection

from lotse.namekeys import dictionary
from lotse.names import parse_birth_date, query_tokens
from lotse.people import search
from lotse.testing import factories as f

GIVEN = ["Ali", "Aly", "Alia", "Alina", "Ela", "Ella", "Leila", "Halil", "Alican", "Ayla"]
FAMILY = ["Yilmaz", "Yildiz", "Maria", "Mariam", "Marić", "Haddad", "Hassan", "Al-Ali", "Ahmadi"]
WORDS = ["ali", "al", "ela", "mar", "yil", "ha", "hal", "علي", "ahm", "zz"]


def _one_word_by_levels_supported() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def crowd(caritas, drk, alice, carol):
    """Namesakes in two organisations: alice sees only Caritas's."""
    rng = random.Random(7)
    for i in range(60):
        organisation, actor = (caritas, alice) if i % 3 else (drk, carol)
        f.person(
            organisation,
            actor,
            given_names=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            birth_date=datetime.date(rng.choice([1980, 1990]), 1 + i % 12, 1 + i % 28),
        )


@pytest.mark.skipif(
    not _one_word_by_levels_supported(), reason="the level walk needs LIMIT inside UNION"
)
@pytest.mark.parametrize("word", WORDS)
# 0: every condition walked beside the grants; 4: some read whole and probed, some
# walked; 2000: all read whole (the grants probed for their persons only).
@pytest.mark.parametrize("few_keys", [0, 4, 2000])
def test_it_gives_the_candidates_of_the_general_lookup(
    crowd, alice, operator, word, few_keys, monkeypatch
):
    monkeypatch.setattr(search, "FEW_KEYS", few_keys)
    tokens = query_tokens(word, dictionary.current())
    assert len(tokens) == 1
    for user in (alice, operator):
        for born in (None, parse_birth_date("1990")):
            everyone = search.ranked_ids(user, tokens, born, 1000)
            # Small limits cut inside a level and between levels.
            for limit in (1, 2, 3, 5, 8, 13, 21, 1000):
                assert search.candidate_ids(user, tokens, born, limit) == everyone[:limit], (
                    word,
                    user,
                    born,
                    limit,
                )


@pytest.mark.skipif(
    not _one_word_by_levels_supported(), reason="the level walk needs LIMIT inside UNION"
)
@pytest.mark.parametrize("few_keys", [0, 2000])
def test_it_never_offers_persons_the_user_may_not_see(crowd, alice, carol, few_keys, monkeypatch):
    monkeypatch.setattr(search, "FEW_KEYS", few_keys)
    tokens = query_tokens("ali", dictionary.current())
    mine = set(search.candidate_ids(alice, tokens, None, 1000))
    theirs = set(search.candidate_ids(carol, tokens, None, 1000))
    assert mine and theirs and not mine & theirs


@pytest.mark.skipif(
    not _one_word_by_levels_supported(), reason="the level walk needs LIMIT inside UNION"
)
def test_it_asks_the_weaker_keys_only_when_the_strong_ones_fall_short(crowd, alice):
    tokens = query_tokens("ali", dictionary.current())
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        search.candidate_ids(alice, tokens, None, 1)
    with CaptureQueriesContext(connection) as more:
        search.candidate_ids(alice, tokens, None, 1000)
    assert not any("metaphone" in query["sql"] for query in few.captured_queries)
    assert any("metaphone" in query["sql"] for query in more.captured_queries)
