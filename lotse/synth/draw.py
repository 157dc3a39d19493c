"""Fast draws from a `random.Random`: the generator makes hundreds of millions.

`randint` and `choice` go through `_randbelow` and cost several times a plain
`random()`; the slight bias of scaling a float is irrelevant for synthetic data.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


def between(rng: random.Random, low: int, high: int) -> int:
    """An integer from low to high, both included."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


class Weighted(Generic[T]):
    """Draws a key with probability proportional to its weight."""

    def __init__(self, table: Sequence[tuple[T, float]]) -> None:
        if not table:
            raise ValueError("empty table")
        self.keys = [key for key, _weight in table]
        self.cumulative = list(accumulate(weight for _key, weight in table))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        index = bisect(self.cumulative, rng.random() * self.total)
        return self.keys[min(index, len(self.keys) - 1)]
