"""Finding persons by any spelling of their names.

Two steps. The key lookup (one SQL query on lotse.namekeys' indexed key
columns, limited to the persons whose identity the user may see) scores
every candidate by how strongly each query token matched, so the best few
hundred candidates come back even for a common name. The re-ranking then
compares the query with each candidate's names and spellings in Python
(lotse.names.similarity: swapped and partial names, variants, scripts) and
weighs in the date of birth. The search page, the duplicate warning on
registration, the API, the `lotse people search` command and the intake's
`likely_matches` all call `search_people`.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, overload

from django.conf import settings
from django.db import connections, router

from lotse.access.visibility import visible_person_ids
from lotse.core.categories import DataCategory
from lotse.namekeys import dictionary
from lotse.namekeys.models import NameKey
from lotse.names import (
    BirthDate,
    NamePart,
    QueryToken,
    VariantDictionary,
    birth_date_score,
    name_parts,
    query_tokens,
    stored_birth_date,
)
from lotse.names.dates import DAY
from lotse.names.similarity import CachedSimilarity
from lotse.names.tokens import tokens
from lotse.people.keysql import KeyCondition, KeyTable, ModelTable
from lotse.people.models import NameSpelling, Person

MIN_QUERY_LENGTH = 2
# Candidates re-ranked per query: enough that the right person is among them
# for a common name with a date of birth, few enough to rank in milliseconds.
CANDIDATES = 200
DEFAULT_LIMIT = 100
# Below this a name shares little more than a sound with the query.
MIN_NAME_SCORE = 0.6
# With a date of birth, the name decides most and the date the rest.
NAME_WEIGHT = 0.8


@dataclass(frozen=True)
class PersonMatch:
    person: Person
    score: float  # 0..1, best first
    name_score: float
    birth_date_score: float | None  # None when no date was asked for


def name_terms(query: str) -> list[str]:
    return [token.form for token in tokens(query)]


def is_too_short(query: str) -> bool:
    """Fewer than two letters or digits in all: no lookup at all, a hint instead."""
    return sum(len(term) for term in name_terms(query)) < MIN_QUERY_LENGTH


def as_birth_date(value: BirthDate | datetime.date | None) -> BirthDate | None:
    if value is None or isinstance(value, BirthDate):
        return value
    return BirthDate(value, DAY)


def _uses_trigrams(connection: Any) -> bool:
    # Opt-in (LOTSE_SEARCH_TRIGRAMS): costly at a million persons, see settings.
    enabled = bool(getattr(settings, "LOTSE_SEARCH_TRIGRAMS", False))
    return enabled and connection.vendor == "postgresql"


@dataclass(frozen=True)
class _Lookup:
    keys: KeyTable
    conditions: list[list[KeyCondition]]  # per query word, strongest first
    born: tuple[str, tuple[Any, ...]] | None
    visible: tuple[str, tuple[Any, ...]] | None  # None: every person


def _lookup(user: Any, query: list[QueryToken], birth_date: BirthDate | None) -> _Lookup | None:
    """What the key lookup asks; None when the user may see no person at all."""
    connection = connections[router.db_for_read(NameKey)]
    visible = visible_person_ids(user, DataCategory.IDENTITY, using=connection.alias)
    if visible is not None and not visible[0]:
        return None
    keys = KeyTable(connection)
    trigrams = _uses_trigrams(connection)
    return _Lookup(
        keys,
        [keys.conditions(token, trigrams) for token in query],
        keys.born_in(birth_date.date.year) if birth_date is not None else None,
        visible,
    )


def candidate_ids(
    user: Any, query: list[QueryToken], birth_date: BirthDate | None, limit: int = CANDIDATES
) -> list[int]:
    """Ids of visible persons whose keys match the query, strongest matches first."""
    lookup = _lookup(user, query, birth_date)
    if lookup is None:
        return []
    if len(query) == 1 and lookup.keys.connection.vendor == "postgresql":
        # The level walk limits the parts of a UNION and probes the grants with
        # `= ANY(array)`; SQLite can do neither and keeps the one query.
        return _by_level(lookup, limit)
    return _by_strength(lookup, limit)


def ranked_ids(
    user: Any, query: list[QueryToken], birth_date: BirthDate | None, limit: int
) -> list[int]:
    """candidate_ids by the one query for any number of words (no level walk)."""
    lookup = _lookup(user, query, birth_date)
    return [] if lookup is None else _by_strength(lookup, limit)


def _run(keys: KeyTable, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with keys.connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _by_strength(lookup: _Lookup, limit: int) -> list[int]:
    """One query: per person and word the strongest key, summed over the words.

    Each key condition is its own part of a UNION ALL, tagged with its word and
    level, so each part reads the person ids from one covering key index alone
    (namekeys/0004) and one aggregate ranks them. Asking every condition of every
    word at once instead (one OR over the key columns, the levels as CASE) read a
    table page per matching key row: a date-less query for a common name
    ("Roya Mohammade": 51,000 rows on 15,000 pages at a million persons) took
    80-200 ms, the parts 30-45 ms.

    The parts read every key; whether the user may see a person (`visible`, the
    grants' SQL, None for every person) is asked once per person after the
    aggregate, not once per key row in every part: a person matches several
    parts (the exact, folded and phonetic key of one name), and for a case
    manager of an office with 255,000 grants the per-row check was most of the
    work (150 dated searches at a million persons: p50 27 -> 16 ms, p95 60 ->
    33 ms, the same ids in the same order).
    """
    keys, born, visible = lookup.keys, lookup.born, lookup.visible
    parts: list[str] = []
    params: list[Any] = []
    year_sql, year_params = (f" AND {born[0]}", born[1]) if born else ("", ())
    for word, word_conditions in enumerate(lookup.conditions):
        for condition in word_conditions:
            parts.append(
                f"SELECT {keys.person_id} AS person_id, {word} AS word, "  # noqa: S608 (our SQL)
                f"{condition.level} AS strength FROM {keys.table} "
                f"WHERE {condition.sql}{year_sql}"
            )
            params += [*condition.params, *year_params]
    if not parts:
        return []
    where = ""
    if visible is not None:
        # The grants themselves, not the visible persons' queryset: joined to the
        # grants alone the planner probes them per ranked person (an index lookup);
        # through the person table it hashed the office's 255,000 grants (2 s).
        where = f"WHERE person_id IN ({visible[0]}) "
        params += visible[1]
    # A word's strength is its best key's level; a word without a key adds nothing.
    total = " + ".join(
        f"COALESCE(MAX(CASE WHEN word = {word} THEN strength END), 0)"
        for word in range(len(lookup.conditions))
    )
    ranked = (
        f"SELECT person_id, total FROM (SELECT person_id, {total} AS total "  # noqa: S608 (our SQL)
        f"FROM ({' UNION ALL '.join(parts)}) AS matches GROUP BY person_id) AS ranked "
        f"{where}ORDER BY total DESC, person_id LIMIT %s"
    )
    return [person_id for person_id, _total in _run(keys, ranked, [*params, limit])]


def _by_level(lookup: _Lookup, limit: int) -> list[int]:
    """candidate_ids for one word: the same ids in the same order, from index walks.

    With one word a person's strength is that of their best key. Each key
    condition is asked for only its lowest `limit` visible person ids (tagged
    with its level): a person among the first `limit` by (strength, id) is
    among the lowest `limit` of every condition they match, since everyone
    below them there ranks before them, so ranking the union gives the same
    list. PostgreSQL answers each part from one covering index (the key with
    the person id, namekeys/0004) beside the user's grants (access/0005) in id
    order and stops at `limit`. The exact and folded keys are asked first; only
    when they give fewer than `limit` persons are the phonetic, consonant and
    prefix keys asked too (for "ali" they would add 100,000 index entries to
    sort at a million persons, for nothing). A live search for "ali" read
    80,000 key rows and hashed 144,000 grants in three processes (400-600 ms).
    """
    (conditions,) = lookup.conditions
    strength: dict[int, int] = {}
    for group in ([c for c in conditions if c.level >= 3], [c for c in conditions if c.level < 3]):
        if not group:
            continue
        for person_id, level in _group_matches(lookup, group, limit):
            strength[person_id] = max(level, strength.get(person_id, 0))
        if len(strength) >= limit:
            break
    return sorted(strength, key=lambda pk: (-strength[pk], pk))[:limit]


# A key condition with at most this many key rows is read whole from its index
# and the grants are probed for its persons alone.
FEW_KEYS = 2000


def _group_matches(lookup: _Lookup, group: list[KeyCondition], limit: int) -> list[tuple[int, int]]:
    """(person id, level) of at least each condition's lowest `limit` visible persons.

    Walking a condition's index beside the grants in id order (_walk) stops
    early where the office's persons are dense among the matches, but where they
    are few it reads the office's whole grant range: "ha" (1,700 keys, 240 of
    them in an office of 144,000 grants) took 26 ms that way, the planner
    expecting to stop early. So each condition's key rows are first read, up
    to FEW_KEYS + 1 in index order, from the key index alone; where that is all
    of them, the grants are asked for just their persons (index probes), and
    only a condition with more is walked. Every match returned is a true one, and a condition read
    whole gives all its visible persons, a superset of its lowest `limit`: the
    ranking in _by_level is the same.
    """
    if lookup.visible is None:
        return [(pk, group[i].level) for pk, i in _walk(lookup, group, limit)]
    found = _key_rows(lookup, group, FEW_KEYS + 1)
    per_condition = Counter(i for _pk, i in found)
    many = [i for i in range(len(group)) if per_condition[i] > FEW_KEYS]
    few = list({(pk, i) for pk, i in found if i not in many})
    matches: list[tuple[int, int]] = []
    if few:
        visible = _visible_among(lookup, sorted({pk for pk, _i in few}))
        matches += [(pk, group[i].level) for pk, i in few if pk in visible]
    if many:
        walked = [group[i] for i in many]
        matches += [(pk, walked[j].level) for pk, j in _walk(lookup, walked, limit)]
    return matches


def _walk(lookup: _Lookup, group: list[KeyCondition], limit: int) -> list[tuple[int, int]]:
    """(person id, index of its condition in `group`): each condition's lowest
    `limit` persons (visible ones, with the grants), from one covering index each."""
    keys = lookup.keys
    filters: list[tuple[str, tuple[Any, ...]]] = []
    if lookup.visible is not None:
        filters.append((f"{keys.person_id} IN ({lookup.visible[0]})", lookup.visible[1]))
    if lookup.born is not None:
        filters.append(lookup.born)
    parts: list[str] = []
    params: list[Any] = []
    for index, condition in enumerate(group):
        where = " AND ".join(sql for sql, _params in [*filters, (condition.sql, ())])
        parts.append(
            f"(SELECT DISTINCT {keys.person_id}, {index} "  # noqa: S608 (our SQL)
            f"FROM {keys.table} WHERE {where} ORDER BY 1 LIMIT %s)"
        )
        for _sql, filter_params in filters:
            params += filter_params
        params += [*condition.params, limit]
    return [(pk, index) for pk, index in _run(keys, " UNION ALL ".join(parts), params)]


def _key_rows(lookup: _Lookup, group: list[KeyCondition], limit: int) -> list[tuple[int, int]]:
    """(person id, index of its condition in `group`) of each condition's first
    `limit` key rows in index order: unsorted, so a common key (100,000 rows of
    "MR") costs `limit` index entries, not a sort of all of them."""
    keys = lookup.keys
    born_sql, born_params = (f" AND {lookup.born[0]}", lookup.born[1]) if lookup.born else ("", ())
    parts: list[str] = []
    params: list[Any] = []
    for index, condition in enumerate(group):
        parts.append(
            f"(SELECT {keys.person_id}, {index} FROM {keys.table} "  # noqa: S608 (our SQL)
            f"WHERE {condition.sql}{born_sql} LIMIT %s)"
        )
        params += [*condition.params, *born_params, limit]
    return [(pk, index) for pk, index in _run(keys, " UNION ALL ".join(parts), params)]


def _visible_among(lookup: _Lookup, person_ids: list[int]) -> set[int]:
    """Which of these persons the user may see: the grants probed per person."""
    assert lookup.visible is not None
    sql, params = lookup.visible
    rows = _run(
        lookup.keys,
        f"SELECT DISTINCT person_id FROM ({sql}) AS visible "  # noqa: S608 (our SQL)
        "WHERE person_id = ANY(%s)",
        [*params, person_ids],
    )
    return {pk for (pk,) in rows}


@lru_cache(maxsize=200_000)
def _parts_of(name: str, variants: VariantDictionary) -> tuple[NamePart, ...]:
    # Cached per name, not per (given, family) pair: a given or family name
    # alone recurs across thousands of persons, a pair rarely, so at a million
    # persons the pair cache missed for most of a search's 200 candidates.
    return tuple(name_parts(name, "", variants))


def _parts(given: str, family: str, variants: VariantDictionary) -> tuple[NamePart, ...]:
    return _parts_of(given, variants) + _parts_of(family, variants)


@dataclass
class _Candidate:
    person_id: int
    names: list[tuple[NamePart, ...]]
    birth: BirthDate | None


def _candidates(ids: list[int], variants: VariantDictionary) -> list[_Candidate]:
    """Names and dates of the candidates as plain values: ranking hundreds of
    candidates must not cost hundreds of model instances, nor an ORM filter
    preparing each of 200 ids twice (a fifth of a search's CPU at a million
    persons). Nothing is asked of the grants again: the ids come from the key
    lookup, which kept only persons whose identity the user may see, and
    spellings are identity too (NameSpelling.category)."""
    connection = connections[router.db_for_read(Person)]
    people = ModelTable(Person, connection)
    spellings = ModelTable(NameSpelling, connection)
    found: dict[int, _Candidate] = {}
    with connection.cursor() as cursor:
        cursor.execute(people.select_in(PERSON_COLUMNS, "id", len(ids)), ids)
        for pk, given, family, born, precision, placeholder in cursor.fetchall():
            birth = stored_birth_date(born, precision, placeholder)
            found[pk] = _Candidate(pk, [_parts(given, family, variants)], birth)
        if not found:
            return []
        cursor.execute(spellings.select_in(SPELLING_COLUMNS, "person", len(ids)), ids)
        for pk, given, family in cursor.fetchall():
            if pk in found:
                found[pk].names.append(_parts(given, family, variants))
    return list(found.values())


PERSON_COLUMNS = [
    "id",
    "given_names",
    "family_name",
    "birth_date",
    "birth_date_precision",
    "birth_date_placeholder",
]
SPELLING_COLUMNS = ["person", "given_names", "family_name"]


def _scored(
    candidates: list[_Candidate], query: list[QueryToken], birth_date: BirthDate | None
) -> list[tuple[float, float, float | None, int]]:
    scored: list[tuple[float, float, float | None, int]] = []
    similarity = CachedSimilarity(query)
    for candidate in candidates:
        name_score = similarity.best(candidate.names)
        if name_score < MIN_NAME_SCORE:
            continue
        if birth_date is None:
            scored.append((round(name_score, 4), name_score, None, candidate.person_id))
            continue
        date_score = birth_date_score(birth_date, candidate.birth)
        if date_score is None:
            continue
        score = NAME_WEIGHT * name_score + (1 - NAME_WEIGHT) * date_score
        scored.append((round(score, 4), name_score, date_score, candidate.person_id))
    return scored


@dataclass(frozen=True)
class Ranked:
    person_id: int
    score: float
    name_score: float
    birth_date_score: float | None


def rank_people(
    user: Any,
    query: str,
    birth_date: BirthDate | datetime.date | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
) -> list[Ranked]:
    """The ids of the persons search_people finds, with their scores, best first.

    Three queries: the key lookup, the candidates' names, their spellings.
    """
    if is_too_short(query):
        return []
    variants = dictionary.current()
    tokens_ = query_tokens(query, variants)
    wanted = as_birth_date(birth_date)
    ids = candidate_ids(user, tokens_, wanted)
    if not ids:
        return []
    scored = _scored(_candidates(ids, variants), tokens_, wanted)
    # Ties by the order of the key lookup (stronger keys first, then id): stable.
    rank = {pk: i for i, pk in enumerate(ids)}
    scored.sort(key=lambda s: (-s[0], rank[s[3]]))
    return [Ranked(pk, score, name, date) for score, name, date, pk in scored[:limit]]


def _persons(ranked: list[Ranked]) -> dict[int, Person]:
    return (
        Person.objects.select_related("registered_by")
        .order_by()
        .in_bulk([match.person_id for match in ranked])
    )


def search_people(
    user: Any,
    query: str,
    birth_date: BirthDate | datetime.date | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
) -> list[PersonMatch]:
    """Persons visible to `user` (identity) whose names match `query`, best first.

    Four queries: rank_people's three and the persons found.
    """
    ranked = rank_people(user, query, birth_date, limit=limit)
    persons = _persons(ranked)
    return [
        PersonMatch(persons[m.person_id], m.score, m.name_score, m.birth_date_score)
        for m in ranked
        if m.person_id in persons
    ]


class FoundPersons:
    """The persons a search found, best first, read from the database a page at a
    time: a search ranks up to DEFAULT_LIMIT persons, a page shows a quarter of
    them, and reading the rest was a third of a search page's queries' rows.

    A sequence for Django's and REST framework's paginators (len and slices).
    """

    def __init__(self, ranked: list[Ranked]) -> None:
        self.ranked = ranked

    def __len__(self) -> int:
        return len(self.ranked)

    def __iter__(self) -> Iterator[Person]:
        return iter(self[:])

    @overload
    def __getitem__(self, index: int, /) -> Person: ...

    @overload
    def __getitem__(self, index: slice, /) -> list[Person]: ...

    def __getitem__(self, index: int | slice, /) -> Person | list[Person]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        ranked = self.ranked[index]
        persons = _persons(ranked)
        # A person deleted since the ranking is left out of the page.
        return [persons[m.person_id] for m in ranked if m.person_id in persons]


def find_people(user: Any, query: str) -> FoundPersons:
    """search_people for a paged list (the search page, the API's list)."""
    return FoundPersons(rank_people(user, query))


def likely_matches(
    user: Any,
    given: str,
    family: str,
    birth_date: BirthDate | datetime.date | None = None,
    limit: int = 10,
) -> list[PersonMatch]:
    """Persons who may be the one about to be registered (the intake's duplicate check)."""
    return search_people(user, f"{given} {family}", birth_date, limit=limit)
