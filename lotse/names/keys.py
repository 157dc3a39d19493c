"""The keys stored for every name and the keys a query looks up.

A stored name (a person's name or one of its spellings) yields one `KeyRow`
per token form; a query yields one `QueryToken` per token, each holding every
key the token may match. Both come from the same functions, so a name always
finds itself (see the property tests).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lotse.names.phonetic import cologne, double_metaphone, fold, skeleton
from lotse.names.tokens import Token, tokens
from lotse.names.variants import VariantDictionary, curated

KEY_LENGTH = 60  # column width; longer parts are cut (no real name part is that long)
MIN_PREFIX = 3  # shorter prefixes of the word being typed would match too much


@dataclass(frozen=True, slots=True)
class KeyRow:
    form: str
    canon: str
    fold: str
    metaphone: str
    cologne: str
    skeleton: str
    abjad: bool


@dataclass(frozen=True, slots=True)
class QueryToken:
    forms: frozenset[str]
    canons: frozenset[str]
    folds: frozenset[str]
    metaphones: frozenset[str]
    colognes: frozenset[str]
    skeletons: frozenset[str]
    abjad: bool
    prefix: str  # the typed start of a longer part; "" when not looked up as prefix


def _cut(value: str) -> str:
    return value[:KEY_LENGTH]


def key_row(form: str, abjad: bool, dictionary: VariantDictionary) -> KeyRow:
    return KeyRow(
        form=_cut(form),
        canon=_cut(dictionary.canonical(form)),
        fold=_cut(fold(form)),
        metaphone=double_metaphone(form)[0][:KEY_LENGTH],
        cologne=_cut(cologne(form)),
        skeleton=_cut(skeleton(form)),
        abjad=abjad,
    )


def name_key_rows(
    names: Iterable[tuple[str, str]], dictionary: VariantDictionary | None = None
) -> list[KeyRow]:
    """Distinct key rows of all (given names, family name) pairs of one person."""
    dictionary = dictionary or curated()
    rows: dict[KeyRow, None] = {}
    for given, family in names:
        rows.update(dict.fromkeys(_pair_rows(given, family, dictionary)))
    return list(rows)


@lru_cache(maxsize=200_000)
def _pair_rows(given: str, family: str, dictionary: VariantDictionary) -> tuple[KeyRow, ...]:
    # Names repeat (a district has thousands called Mohammed or Olena): compute once.
    return tuple(
        key_row(form, token.abjad, dictionary)
        for token in [*tokens(given), *tokens(family)]
        for form in token.forms
    )


def _query_token(token: Token, dictionary: VariantDictionary, prefix: bool) -> QueryToken:
    forms = frozenset(token.forms)
    metaphones = {code for form in forms for code in double_metaphone(form) if code}
    return QueryToken(
        forms=forms,
        canons=frozenset(dictionary.canonical(f) for f in forms),
        folds=frozenset(fold(f) for f in forms),
        metaphones=frozenset(metaphones),
        colognes=frozenset(c for c in (cologne(f) for f in forms) if c),
        skeletons=frozenset(s for s in (skeleton(f) for f in forms) if s),
        abjad=token.abjad,
        prefix=token.form if prefix and len(token.form) >= MIN_PREFIX else "",
    )


def query_tokens(query: str, dictionary: VariantDictionary | None = None) -> list[QueryToken]:
    """The tokens of a free-text query; the last one may still be being typed."""
    dictionary = dictionary or curated()
    found = tokens(query)
    return [
        _query_token(token, dictionary, prefix=i == len(found) - 1) for i, token in enumerate(found)
    ]
