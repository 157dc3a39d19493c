"""Query variants of stored names, for measuring search recall. Pure.

Written independently of the name tables and of lotse.names' dictionary:
what a clerk types when they copy a name from another office's letter. Each
variant applies a few of: respelling by common romanisation rules, a swap of
given and family name, a dropped second given name, an article written
differently, one typing error; and a date of birth as given (exact, year
only, day and month swapped) or none when the stored one is unknown.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

# (from, to): both directions are used.
RESPELLINGS: tuple[tuple[str, str], ...] = (
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "j"), ("w", "v"), ("kh", "ch"), ("sh", "sch"),
    ("ch", "tsch"), ("ks", "x"), ("ph", "f"), ("mm", "m"), ("ss", "s"), ("ll", "l"), ("dd", "d"),
    ("ov", "ow"), ("ev", "ew"), ("iy", "ij"), ("yi", "ii"), ("ai", "ei"), ("ie", "i"),
    ("mad", "med"), ("med", "mad"), ("zh", "sch"), ("ts", "z"), ("c", "k"), ("q", "k"),
    ("e", "a"), ("u", "o"), ("i", "e"), ("j", "dsch"),
)  # fmt: skip
KINDS = ("respelled", "swapped", "shortened", "article", "typo")


@dataclass(frozen=True)
class QueryVariant:
    query: str
    birth_date: str | None  # YYYY, YYYY-MM-DD or None
    changes: tuple[str, ...]


def respell(rng: random.Random, word: str) -> str:
    lower = word.lower()
    options = [(a, b) for a, b in RESPELLINGS if a in lower] + [
        (b, a) for a, b in RESPELLINGS if b in lower
    ]
    if not options:
        return word
    a, b = rng.choice(options)
    at = lower.find(a)
    changed = lower[:at] + b + lower[at + len(a) :]
    return changed.capitalize() if word[:1].isupper() else changed


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1 :]  # a letter left out
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def _article(rng: random.Random, family: str) -> str:
    lower = family.lower()
    for article in ("al-", "al ", "el-", "el "):
        if lower.startswith(article):
            rest = family[len(article) :]
            return rng.choice([rest, "Al" + rest.lower(), "El-" + rest])
    return family


def _date(rng: random.Random, born: datetime.date | None, precision: str) -> str | None:
    if born is None or precision == "unknown":
        return None
    if precision != "day":
        return f"{born.year}"
    r = rng.random()
    if r < 0.6:
        return born.isoformat()
    if r < 0.85 or born.day > 12 or born.day == born.month:
        return f"{born.year}"
    return f"{born.year}-{born.day:02d}-{born.month:02d}"


def variant(
    rng: random.Random, given: str, family: str, born: datetime.date | None, precision: str
) -> QueryVariant:
    changes: list[str] = []
    given_words = given.split()
    family_words = family.split()
    for words in (given_words, family_words):
        for i, word in enumerate(words):
            if rng.random() < 0.5:
                respelled = respell(rng, word)
                if respelled != word:
                    words[i] = respelled
                    changes.append("respelled")
    if len(given_words) > 1 and rng.random() < 0.2:
        given_words = given_words[:1]
        changes.append("shortened")
    family_text = " ".join(family_words)
    if rng.random() < 0.5:
        changed = _article(rng, family_text)
        if changed != family_text:
            family_text = changed
            changes.append("article")
    given_text = " ".join(given_words)
    if rng.random() < 0.1:
        given_text = typo(rng, given_text)
        changes.append("typo")
    parts = [given_text, family_text]
    if rng.random() < 0.3:
        parts.reverse()
        changes.append("swapped")
    return QueryVariant(" ".join(parts), _date(rng, born, precision), tuple(dict.fromkeys(changes)))
