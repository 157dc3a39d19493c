"""Run a values_list() query of a fixed shape without building it each time.

Building a queryset with subqueries and compiling it to SQL costs thousands
of Python calls; for a query of which only some ids change between requests
the SQL is the same every time. `Shape` builds the queryset once per database
with a stand-in for each id, keeps the SQL and parameters the ORM wrote, and
later runs that SQL with the real ids where the stand-ins were. Only for
values_list() of columns that need no conversion from the database (ids,
text): rows come back as the driver gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet

# Stand-ins that no real id, and no constant of a query, is equal to.
_STAND_IN_BASE = 7_919_000_000_000_011


@dataclass(frozen=True)
class _Slot:
    name: str


class Shape:
    def __init__(
        self, model: type[Model], build: Callable[..., QuerySet[Any]], *names: str
    ) -> None:
        """build(**ids) makes the values_list() queryset; `names` are its ids."""
        self.model = model
        self.build = build
        self.names = names
        self._compiled: dict[str, tuple[str, tuple[Any, ...]]] = {}

    def _compile(self, alias: str) -> tuple[str, tuple[Any, ...]]:
        stand_ins = {name: _STAND_IN_BASE + 2 * i for i, name in enumerate(self.names)}
        queryset = self.build(**stand_ins)
        sql, params = queryset.query.get_compiler(using=alias).as_sql()
        named = {value: name for name, value in stand_ins.items()}
        used = {p for p in params if type(p) is int and p in named}
        if used != set(named):
            raise ValueError(f"Not every id is a parameter of the query: {sorted(named)}")
        template = tuple(_Slot(named[p]) if type(p) is int and p in named else p for p in params)
        return sql, template

    def rows(self, **ids: int) -> list[tuple[Any, ...]]:
        alias = router.db_for_read(self.model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._compile(alias)
        sql, template = compiled
        params = [ids[p.name] if type(p) is _Slot else p for p in template]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
