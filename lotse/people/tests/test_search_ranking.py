"""The key lookup ranks candidates as a plain reading of its rule says: per person
and query word the strongest matching key (exact variant 4, romanisation fold 3,
sound, consonants or typed prefix 2), summed over the words, best first, then by id;
only persons the user may see, born in the year asked for or of unknown year."""

import datetime
import random

import pytest

from lotse.core.categories import DataCategory
from lotse.namekeys import dictionary
from lotse.namekeys.models import UNKNOWN_YEAR, NameKey
from lotse.names import parse_birth_date, query_tokens
from lotse.people import search
from lotse.testing import factories as f

GIVEN = ["Ali", "Aly", "Mohammed", "Muhammad", "Mahmoud", "Roya", "Leila", "Oleksandr"]
FAMILY = ["Yilmaz", "Yildiz", "Mohammadi", "Haddad", "Hassan", "Al-Ali", "Aleksandrov"]
QUERIES = [
    "Ali Yilmaz",
    "Roya Mohammade",
    "Muhamad Hasan",
    "Yildiz Aly",
    "Leila Al Ali",
    "Alexander Haddad",
    "mo ha",
    "Zz Qq",
]


@pytest.fixture
def crowd(caritas, drk, alice, carol):
    rng = random.Random(11)
    for i in range(80):
        organisation, actor = (caritas, alice) if i % 3 else (drk, carol)
        born = None if i % 7 == 0 else datetime.date(rng.choice([1980, 1990]), 1 + i % 12, 3)
        f.person(
            organisation,
            actor,
            given_names=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            birth_date=born,
        )


def _level(token, key: NameKey) -> int:
    if key.canon in token.canons:
        return 4
    if key.fold in token.folds:
        return 3
    if (
        key.metaphone in token.metaphones
        or (key.skeleton in token.skeletons and (key.abjad or token.abjad))
        or (token.prefix and key.form.startswith(token.prefix))
    ):
        return 2
    return 0


def _reference(user, tokens, year: int | None) -> list[int]:
    keys = NameKey.objects.visible_to(user, category=DataCategory.IDENTITY)
    if year is not None:
        keys = keys.filter(birth_year__in=[year, UNKNOWN_YEAR])
    best: dict[tuple[int, int], int] = {}
    for key in keys:
        for word, token in enumerate(tokens):
            level = _level(token, key)
            if level:
                best[(key.person_id, word)] = max(level, best.get((key.person_id, word), 0))
    totals: dict[int, int] = {}
    for (person, _word), level in best.items():
        totals[person] = totals.get(person, 0) + level
    return sorted(totals, key=lambda person: (-totals[person], person))


@pytest.mark.parametrize("query", QUERIES)
def test_it_ranks_as_the_rule_says(crowd, alice, operator, query):
    tokens = query_tokens(query, dictionary.current())
    assert len(tokens) >= 2
    for user in (alice, operator):
        for born in (None, "1990"):
            wanted = _reference(user, tokens, 1990 if born else None)
            date = parse_birth_date(born) if born else None
            for limit in (1, 3, 10, 1000):
                got = search.ranked_ids(user, tokens, date, limit)
                assert got == wanted[:limit], (query, user, born, limit)


@pytest.mark.parametrize("query", ["Ali Yilmaz", "ali", "al"])  # both lookups, prefix too
def test_a_user_with_no_grants_gets_nothing(crowd, bob, query):
    tokens = query_tokens(query, dictionary.current())
    assert search.candidate_ids(bob, tokens, None) == []
    assert search.search_people(bob, query) == []


@pytest.mark.parametrize("query", ["Ali Yilmaz", "ali"])
def test_an_inactive_user_gets_nothing(crowd, alice, query):
    tokens = query_tokens(query, dictionary.current())
    assert search.candidate_ids(alice, tokens, None)  # while active, she finds some
    alice.is_active = False
    assert search.candidate_ids(alice, tokens, None) == []
    assert search.search_people(alice, query) == []
