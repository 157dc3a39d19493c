"""How well a query matches one person's names: the re-ranking after the key lookup.

Order-free (a swapped given and family name scores like the right order),
tolerant of partial names (a query of one part scores by that part, with a
small penalty per part of the name it leaves out) and of spelling: variants,
folds, phonetic codes and the consonant skeleton count as near-equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from lotse.names.keys import KeyRow, QueryToken, key_row
from lotse.names.phonetic import double_metaphone
from lotse.names.tokens import tokens
from lotse.names.variants import VariantDictionary, curated

UNMATCHED_PART_PENALTY = 0.03
FUZZY_FLOOR = 0.85


@dataclass(frozen=True, slots=True)
class NamePart:
    rows: tuple[KeyRow, ...]  # the part's forms (main form first)


def name_parts(
    given: str, family: str, dictionary: VariantDictionary | None = None
) -> list[NamePart]:
    dictionary = dictionary or curated()
    return [
        _part(token.forms, token.abjad, dictionary) for token in [*tokens(given), *tokens(family)]
    ]


@lru_cache(maxsize=100_000)
def _part(forms: tuple[str, ...], abjad: bool, dictionary: VariantDictionary) -> NamePart:
    # One object per distinct part: CachedSimilarity compares each part once per query.
    return NamePart(tuple(key_row(form, abjad, dictionary) for form in forms))


def _row_similarity(query: QueryToken, row: KeyRow) -> float:
    if row.canon in query.canons:
        return 1.0
    if row.fold in query.folds:
        return 0.95
    best = 0.0
    if (query.abjad or row.abjad) and row.skeleton in query.skeletons:
        best = 0.9
    codes = double_metaphone(row.form)
    if any(code and code in query.metaphones for code in codes):
        best = max(best, 0.88)
    if query.prefix and row.form.startswith(query.prefix):
        best = max(best, 0.8 + 0.15 * len(query.prefix) / len(row.form))
    if row.cologne in query.colognes:
        best = max(best, 0.8)
    fuzzy = max((JaroWinkler.similarity(f, row.fold) for f in query.folds), default=0.0)
    # Below FUZZY_FLOOR two names merely share letters (Karimi, Ahmadi).
    return max(best, 0.9 * fuzzy if fuzzy >= FUZZY_FLOOR else 0.0)


def token_similarity(query: QueryToken, part: NamePart) -> float:
    return max(_row_similarity(query, row) for row in part.rows)


def name_similarity(query: Sequence[QueryToken], parts: Sequence[NamePart]) -> float:
    """0..1: every query token matched to a distinct part, best pairs first."""
    if not query or not parts:
        return 0.0
    pairs = sorted(
        (
            (token_similarity(q, p), qi, pi)
            for qi, q in enumerate(query)
            for pi, p in enumerate(parts)
        ),
        reverse=True,
    )
    return _assign(pairs, len(query), len(parts))


def best_name_similarity(query: Sequence[QueryToken], names: Sequence[Sequence[NamePart]]) -> float:
    return max((name_similarity(query, parts) for parts in names), default=0.0)


class CachedSimilarity:
    """One query against many candidates: each distinct name part is compared once.

    Candidates share names (many persons are called Mohammed); parts come
    from a cache, so the same part is the same object and `id` is its key.
    """

    def __init__(self, query: Sequence[QueryToken]) -> None:
        self.query = list(query)
        self._seen: dict[int, tuple[NamePart, list[float]]] = {}

    def _row(self, part: NamePart) -> list[float]:
        hit = self._seen.get(id(part))
        if hit is None:
            hit = (part, [token_similarity(q, part) for q in self.query])
            self._seen[id(part)] = hit  # the part is held, so its id stays unique
        return hit[1]

    def name(self, parts: Sequence[NamePart]) -> float:
        if not self.query or not parts:
            return 0.0
        rows = [self._row(part) for part in parts]
        pairs = sorted(
            ((row[qi], qi, pi) for pi, row in enumerate(rows) for qi in range(len(self.query))),
            reverse=True,
        )
        return _assign(pairs, len(self.query), len(parts))

    def best(self, names: Sequence[Sequence[NamePart]]) -> float:
        return max((self.name(parts) for parts in names), default=0.0)


def _assign(pairs: list[tuple[float, int, int]], queries: int, parts: int) -> float:
    used_q: set[int] = set()
    used_p: set[int] = set()
    total = 0.0
    for score, qi, pi in pairs:
        if qi in used_q or pi in used_p:
            continue
        used_q.add(qi)
        used_p.add(pi)
        total += score
    # A query token left without a part (more tokens than parts) scores 0.
    mean = total / queries
    left_out = max(0, parts - queries)
    return max(0.0, mean - UNMATCHED_PART_PENALTY * left_out)
