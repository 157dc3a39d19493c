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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import IntegerField, Lookup, Q, Value

from lotse.access.visibility import visible_person_ids
from lotse.core.categories import DataCategory
from lotse.namekeys import dictionary
from lotse.namekeys.models import UNKNOWN_YEAR, NameKey
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


def _levels(token: QueryToken, typo: Q) -> list[tuple[int, list[Q]]]:
    """How strongly a key matches the token, strongest first, each level as the
    conditions one index each answers. A key set the token lacks is left out
    rather than asked for (an empty IN list matches nothing)."""
    near: list[Q] = []
    if token.metaphones:
        near.append(Q(metaphone__in=token.metaphones))
    if token.skeletons:
        # Latin letters carry vowels: only names written in Arabic script,
        # which lack them, may match a Latin query by consonants alone.
        near.append(
            Q(skeleton__in=token.skeletons)
            if token.abjad
            else Q(skeleton__in=token.skeletons, abjad=True)
        )
    if token.prefix:
        near.append(Q(form__startswith=token.prefix))
    # The Kölner Phonetik code is too coarse to look candidates up by (a
    # common code matches tens of thousands of keys in a large district); it
    # counts in the re-ranking instead.
    levels = [
        (4, [Q(canon__in=token.canons)] if token.canons else []),
        (3, [Q(fold__in=token.folds)] if token.folds else []),
        (2, near),
    ]
    if typo:
        # A trigram neighbour (PostgreSQL) counts least: it fills places the keys leave.
        levels.append((1, [typo]))
    return [(level, conditions) for level, conditions in levels if conditions]


class TrigramSimilar(Lookup[bool]):
    """PostgreSQL's pg_trgm `%`: similar enough by shared trigrams (namekey_form_trgm index)."""

    lookup_name = "trigram_similar"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %% {rhs}", [*lhs_params, *rhs_params]


NameKey._meta.get_field("form").register_lookup(TrigramSimilar)
# Shorter forms share too few trigrams to say anything (every "ali" is like "al").
TRIGRAM_MIN_LENGTH = 5


def _trigram_match(token: QueryToken) -> Q:
    """Forms within a typo of the query's, from the trigram index (PostgreSQL only)."""
    match = Q()
    for form in sorted(token.forms):
        if len(form) >= TRIGRAM_MIN_LENGTH:
            match |= Q(form__trigram_similar=form)
    return match


def _uses_trigrams(queryset: Any) -> bool:
    # Opt-in (LOTSE_SEARCH_TRIGRAMS): costly at a million persons, see settings.
    enabled = bool(getattr(settings, "LOTSE_SEARCH_TRIGRAMS", False))
    return enabled and connections[queryset.db].vendor == "postgresql"


def _born_in(year: int) -> Q:
    return Q(birth_year__in=[year, UNKNOWN_YEAR])


def candidate_ids(
    user: Any, query: list[QueryToken], birth_date: BirthDate | None, limit: int = CANDIDATES
) -> list[int]:
    """Ids of visible persons whose keys match the query, strongest matches first."""
    keys = NameKey.objects.visible_to(user, category=DataCategory.IDENTITY)
    typos = [_trigram_match(token) if _uses_trigrams(keys) else Q() for token in query]
    if len(query) == 1 and connections[keys.db].features.supports_slicing_ordering_in_compound:
        # PostgreSQL; SQLite cannot limit the parts of a UNION and keeps the one query.
        return _by_level(keys, query[0], birth_date, typos[0], limit)
    return _by_strength(user, query, birth_date, typos, limit)


def _by_strength(
    user: Any, query: list[QueryToken], birth_date: BirthDate | None, typos: list[Q], limit: int
) -> list[int]:
    """One query: per person and word the strongest key, summed over the words.

    Each key condition is its own part of a UNION ALL, tagged with its word and
    level, so each part reads the person ids from one covering key index alone
    (namekeys/0004) and one aggregate ranks them. Asking every condition of every
    word at once instead (one OR over the key columns, the levels as CASE) read a
    table page per matching key row: a date-less query for a common name
    ("Roya Mohammade": 51,000 rows on 15,000 pages at a million persons) took
    80-200 ms, the parts 30-45 ms.

    The parts read every key; whether the user may see a person is asked once per
    person after the aggregate, not once per key row in every part: a person
    matches several parts (the exact, folded and phonetic key of one name), and
    for a case manager of an office with 255,000 grants the per-row check was
    most of the work (150 dated searches at a million persons: p50 27 -> 16 ms,
    p95 60 -> 33 ms, the same ids in the same order).
    """
    keys = NameKey.objects.all()
    if birth_date is not None:
        keys = keys.filter(_born_in(birth_date.date.year))
    parts = [
        keys.filter(condition)
        .annotate(
            word=Value(word, output_field=IntegerField()),
            strength=Value(level, output_field=IntegerField()),
        )
        .values_list("person_id", "word", "strength")
        for word, (token, typo) in enumerate(zip(query, typos, strict=True))
        for level, conditions in _levels(token, typo)
        for condition in conditions
    ]
    if not parts:
        return []
    sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
    visible = visible_person_ids(user, DataCategory.IDENTITY, using=keys.db)
    where: str = ""
    where_params: tuple[Any, ...] = ()
    if visible is not None:  # None: the operator sees every identity
        visible_sql, where_params = visible
        if not visible_sql:
            return []
        # The grants themselves, not the visible persons' queryset: joined to the
        # grants alone the planner probes them per ranked person (an index lookup);
        # through the person table it hashed the office's 255,000 grants (2 s).
        where = f"WHERE person_id IN ({visible_sql}) "
    # A word's strength is its best key's level; a word without a key adds nothing.
    total = " + ".join(
        f"COALESCE(MAX(CASE WHEN word = {word} THEN strength END), 0)" for word in range(len(query))
    )
    ranked = (
        f"SELECT person_id, total FROM (SELECT person_id, {total} AS total "  # noqa: S608 (our SQL)
        f"FROM ({sql}) AS matches GROUP BY person_id) AS ranked {where}"
        "ORDER BY total DESC, person_id LIMIT %s"
    )
    with connections[keys.db].cursor() as cursor:
        cursor.execute(ranked, [*params, *where_params, limit])
        return [person_id for person_id, _total in cursor.fetchall()]


def _by_level(
    keys: Any, token: QueryToken, birth_date: BirthDate | None, typo: Q, limit: int
) -> list[int]:
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
    if birth_date is not None:
        keys = keys.filter(_born_in(birth_date.date.year))
    levels = _levels(token, typo)
    strength: dict[int, int] = {}
    for group in ([lv for lv in levels if lv[0] >= 3], [lv for lv in levels if lv[0] < 3]):
        parts = [
            keys.filter(condition)
            .order_by("person_id")
            .annotate(level=Value(level, output_field=IntegerField()))
            .values_list("person_id", "level")
            .distinct()[:limit]
            for level, conditions in group
            for condition in conditions
        ]
        if parts:
            for person_id, level in parts[0].union(*parts[1:], all=True):
                strength[person_id] = max(level, strength.get(person_id, 0))
        if len(strength) >= limit:
            break
    return sorted(strength, key=lambda pk: (-strength[pk], pk))[:limit]


@lru_cache(maxsize=200_000)
def _parts(given: str, family: str, variants: VariantDictionary) -> tuple[NamePart, ...]:
    return tuple(name_parts(given, family, variants))


@dataclass
class _Candidate:
    person_id: int
    names: list[tuple[NamePart, ...]]
    birth: BirthDate | None


def _candidates(user: Any, ids: list[int], variants: VariantDictionary) -> list[_Candidate]:
    """Names and dates of the candidates as plain values: ranking hundreds of
    candidates must not cost hundreds of model instances."""
    people = Person.objects.visible_to(user, category=DataCategory.IDENTITY).filter(pk__in=ids)
    found: dict[int, _Candidate] = {}
    for pk, given, family, born, precision, placeholder in people.values_list(
        "pk",
        "given_names",
        "family_name",
        "birth_date",
        "birth_date_precision",
        "birth_date_placeholder",
    ):
        birth = stored_birth_date(born, precision, placeholder)
        found[pk] = _Candidate(pk, [_parts(given, family, variants)], birth)
    spellings = NameSpelling.objects.visible_to(user).filter(person_id__in=list(found))
    for pk, given, family in spellings.values_list("person_id", "given_names", "family_name"):
        found[pk].names.append(_parts(given, family, variants))
    return list(found.values())


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


def search_people(
    user: Any,
    query: str,
    birth_date: BirthDate | datetime.date | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
) -> list[PersonMatch]:
    """Persons visible to `user` (identity) whose names match `query`, best first.

    Four queries: the key lookup, the candidates' names, their spellings, and
    the persons shown.
    """
    if is_too_short(query):
        return []
    variants = dictionary.current()
    tokens_ = query_tokens(query, variants)
    wanted = as_birth_date(birth_date)
    ids = candidate_ids(user, tokens_, wanted)
    if not ids:
        return []
    scored = _scored(_candidates(user, ids, variants), tokens_, wanted)
    # Ties by the order of the key lookup (stronger keys first, then id): stable.
    rank = {pk: i for i, pk in enumerate(ids)}
    scored.sort(key=lambda s: (-s[0], rank[s[3]]))
    scored = scored[:limit]
    persons = Person.objects.select_related("registered_by").in_bulk([s[3] for s in scored])
    return [
        PersonMatch(persons[pk], score, name_score, date_score)
        for score, name_score, date_score, pk in scored
        if pk in persons
    ]


def likely_matches(
    user: Any,
    given: str,
    family: str,
    birth_date: BirthDate | datetime.date | None = None,
    limit: int = 10,
) -> list[PersonMatch]:
    """Persons who may be the one about to be registered (the intake's duplicate check)."""
    return search_people(user, f"{given} {family}", birth_date, limit=limit)
