"""Keyset pagination over the case ordering (-opened_on, -id).

A page is found by seeking past the last row of the previous one, so page 400
costs the same as page 1 and no COUNT(*) runs over a million cases. The price:
no total and no "jump to page n"; filters narrow the list instead.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

PAGE_SIZE = 25


@dataclass
class KeysetPage:
    rows: list[Any] = field(default_factory=list)
    next_cursor: str | None = None
    previous_cursor: str | None = None


def cursor_of(row: Any) -> str:
    return f"{row.opened_on.isoformat()}.{row.pk}"


def parse_cursor(text: str | None) -> tuple[datetime.date, int] | None:
    if not text:
        return None
    day, _sep, pk = text.partition(".")
    try:
        return datetime.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def keyset_page(
    rows: QuerySet[Any], *, after: str | None, before: str | None, size: int = PAGE_SIZE
) -> KeysetPage:
    if (position := parse_cursor(before)) is not None:
        day, pk = position
        # The redundant `opened_on >= day` gives the index a range to seek to.
        earlier = list(
            rows.filter(opened_on__gte=day)
            .filter(Q(opened_on__gt=day) | Q(pk__gt=pk))
            .order_by("opened_on", "id")[: size + 1]
        )
        page = earlier[:size][::-1]
        return KeysetPage(
            rows=page,
            previous_cursor=cursor_of(page[0]) if len(earlier) > size else None,
            next_cursor=cursor_of(page[-1]) if page else None,
        )
    position = parse_cursor(after)
    if position is not None:
        day, pk = position
        rows = rows.filter(opened_on__lte=day).filter(Q(opened_on__lt=day) | Q(pk__lt=pk))
    found = list(rows.order_by("-opened_on", "-id")[: size + 1])
    page = found[:size]
    return KeysetPage(
        rows=page,
        next_cursor=cursor_of(page[-1]) if len(found) > size else None,
        previous_cursor=cursor_of(page[0]) if position is not None and page else None,
    )
