"""The curated dictionary of name variants, merged with entries administrators add.

Each line of `variants.txt` is one equivalence class. Classes that share a
spelling are merged (Maryam/Maria/Mariia are one name), and every spelling
maps to the normalised form of the first canonical name of its class, so the
key does not depend on which line a spelling was found on.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from lotse.names.tokens import tokens


def normalised(name: str) -> str:
    """One spelling as a single key: its tokens' forms run together."""
    return "".join(token.form for token in tokens(name))


def parse(text: str) -> list[tuple[str, list[str]]]:
    groups = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        canonical, _, rest = line.partition(":")
        variants = [v.strip() for v in rest.split(",") if v.strip()]
        groups.append((canonical.strip(), variants))
    return groups


class VariantDictionary:
    def __init__(self, groups: Iterable[tuple[str, Iterable[str]]]) -> None:
        parent: dict[str, str] = {}

        def find(key: str) -> str:
            parent.setdefault(key, key)
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        order: dict[str, int] = {}
        for canonical, variants in groups:
            head = normalised(canonical)
            if not head:
                continue
            order.setdefault(head, len(order))
            for variant in variants:
                form = normalised(variant)
                if form:
                    order.setdefault(form, len(order))
                    a, b = find(head), find(form)
                    if a != b:
                        # The name seen first stays canonical: stable keys.
                        first, second = sorted((a, b), key=order.__getitem__)
                        parent[second] = first
            find(head)
        self._canonical = {form: find(form) for form in parent}

    def canonical(self, form: str) -> str:
        return self._canonical.get(form, form)

    def __contains__(self, form: object) -> bool:
        return form in self._canonical

    def __len__(self) -> int:
        return len(self._canonical)


@cache
def curated_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = resources.files("lotse.names").joinpath("variants.txt").read_text(encoding="utf-8")
    return tuple((c, tuple(v)) for c, v in parse(text))


@cache
def curated() -> VariantDictionary:
    return VariantDictionary(curated_groups())


def with_extra(extra: Iterable[tuple[str, str]]) -> VariantDictionary:
    """The curated dictionary plus (variant, canonical) pairs from the database."""
    return VariantDictionary([*curated_groups(), *((c, (v,)) for v, c in extra)])
