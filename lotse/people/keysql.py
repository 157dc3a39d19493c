"""The SQL of the search's key lookup, written out instead of built by the ORM.

A search of two words asks 9-18 key conditions (exact variant, fold, sound,
consonants, prefix, per word), each its own part of a UNION so that each part
reads one covering key index. Built as QuerySets (filter, annotate, values,
union, compile) those parts cost about a third of the search's Python CPU (5 of
14 ms at 50,000 persons) for a statement that is the same every time but for
its values. The statement is plain: one table, IN lists, a LIKE for a typed
prefix, the grants' SQL from lotse.access.visibility; the ranking tests compare
its result with a plain reading of the rule over all keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from lotse.namekeys.models import UNKNOWN_YEAR, NameKey
from lotse.names import QueryToken

# Shorter forms share too few trigrams to say anything (every "ali" is like "al").
TRIGRAM_MIN_LENGTH = 5


@dataclass(frozen=True)
class KeyCondition:
    """One index's condition on the key table and the strength of a key it finds."""

    level: int
    sql: str
    params: tuple[Any, ...]


class ModelTable:
    """A model's table and columns, quoted for plain SQL on one connection."""

    def __init__(self, model: type[Model], connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        self._columns = {
            field.name: f"{self.table}.{quote(field.column)}"
            for field in model._meta.concrete_fields
        }

    def column(self, name: str) -> str:
        return self._columns[name]

    def select_in(self, names: list[str], key: str, count: int) -> str:
        """SELECT the named columns of the rows whose `key` is one of `count` values."""
        columns = ", ".join(self.column(name) for name in names)
        marks = ", ".join(["%s"] * count)
        return f"SELECT {columns} FROM {self.table} WHERE {self.column(key)} IN ({marks})"  # noqa: S608


class KeyTable(ModelTable):
    """Column names and conditions of lotse.namekeys' key table on one connection."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        super().__init__(NameKey, connection)
        self.person_id = self.column("person")

    def one_of(self, name: str, values: frozenset[str]) -> tuple[str, tuple[Any, ...]]:
        ordered = tuple(sorted(values))  # the same statement for the same query
        return f"{self.column(name)} IN ({', '.join(['%s'] * len(ordered))})", ordered

    def starts_with(self, name: str, prefix: str) -> tuple[str, tuple[Any, ...]]:
        # As the ORM writes `startswith` on this backend (cast, operator, escaping),
        # so that the same index answers it.
        ops = self.connection.ops
        lhs = ops.lookup_cast("startswith", "CharField") % self.column(name)
        rhs = self.connection.operators["startswith"] % "%s"
        return f"{lhs} {rhs}", (f"{ops.prep_for_like_query(prefix)}%",)

    def born_in(self, year: int) -> tuple[str, tuple[Any, ...]]:
        return f"{self.column('birth_year')} IN (%s, %s)", (year, UNKNOWN_YEAR)

    def conditions(self, token: QueryToken, trigrams: bool = False) -> list[KeyCondition]:
        """How strongly a key matches the token, strongest first, each condition
        one that a single index answers. A key set the token lacks is left out
        rather than asked for (an empty IN list is not SQL)."""
        found: list[KeyCondition] = []

        def add(level: int, condition: tuple[str, tuple[Any, ...]]) -> None:
            found.append(KeyCondition(level, *condition))

        if token.canons:
            add(4, self.one_of("canon", token.canons))
        if token.folds:
            add(3, self.one_of("fold", token.folds))
        if token.metaphones:
            add(2, self.one_of("metaphone", token.metaphones))
        if token.skeletons:
            # Latin letters carry vowels: only names written in Arabic script,
            # which lack them, may match a Latin query by consonants alone.
            sql, params = self.one_of("skeleton", token.skeletons)
            if not token.abjad:
                sql = f"{self.column('abjad')} AND {sql}"
            add(2, (sql, params))
        if token.prefix:
            add(2, self.starts_with("form", token.prefix))
        # The Kölner Phonetik code is too coarse to look candidates up by (a
        # common code matches tens of thousands of keys in a large district); it
        # counts in the re-ranking instead.
        if trigrams:
            # A trigram neighbour (pg_trgm's `%`, PostgreSQL) counts least: it
            # fills places the keys leave.
            forms = sorted(form for form in token.forms if len(form) >= TRIGRAM_MIN_LENGTH)
            if forms:
                similar = " OR ".join([f"{self.column('form')} %% %s"] * len(forms))
                add(1, (f"({similar})", tuple(forms)))
        return found
