"""Which categories a reader holds, for a whole page of rows at once.

Lists must not call categories_for() per row (one query each); instead one
`visible_to(user, category=...)` query per guarded category answers for the
whole page. It is the same choke point, asked per category.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from lotse.access.visibility import VisibleQuerySet


def categories_by_pk(
    queryset: VisibleQuerySet[Any], user: Any, pks: Sequence[int], categories: Iterable[str]
) -> dict[int, frozenset[str]]:
    held: dict[int, set[str]] = {pk: set() for pk in pks}
    if not pks:
        return {}
    for category in categories:
        visible = queryset.visible_to(user, category=category).filter(pk__in=pks)
        for pk in visible.values_list("pk", flat=True):
            held[pk].add(category)
    return {pk: frozenset(cats) for pk, cats in held.items()}
