"""Spelling-independent keys of one normalised token.

- `fold`: the romanisation conventions of German, English and French records
  mapped onto one (Schewtschenko/Shevchenko, Jusuf/Yusuf, Olexandr/Oleksandr);
- `double_metaphone`: Lawrence Philips' Double Metaphone (the `metaphone`
  package), primary and alternate code;
- `cologne`: Kölner Phonetik, tuned to German ears (see `cologne.py`);
- `skeleton`: consonants only, the one key a name written in Arabic script
  (no short vowels) shares with its Latin spellings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from metaphone import doublemetaphone

from lotse.names.cologne import cologne as _cologne

# Longest first: each rule sees the output of the ones before it.
_FOLD_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?:skyy|skyi|skyj|skiy|skij|skii|sky|ski)$", "ski"),
        (r"(?:tzsch|tsch|tch|cz|ch(?=[aeiou]?enko))", "c"),
        (r"shch|schtsch|sch|sh|sz|ş|ş", "s"),
        (r"dzh|dsch|dj|zh|dz", "j"),
        (r"kh|ch", "h"),
        (r"ph", "f"),
        (r"gh", "g"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ck|q|c(?=[aou])", "k"),
        (r"x", "ks"),
        (r"w", "v"),
        (r"ou|oo|ue", "u"),
        (r"ee|ie|iy|ij|yi|yy", "i"),
        (r"ey|ay|ei|ai", "ei"),
        (r"y", "i"),
        (r"j(?=[aeiou])", "i"),
        (r"(?<=[aeiou])h$", ""),
        (r"ff$|ow$", "v"),
        (r"([a-z])\1+", r"\1"),
    )
)
_VOWELS = re.compile(r"[aeiouyw]")


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    for pattern, replacement in _FOLD_RULES:
        token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=65536)
def double_metaphone(token: str) -> tuple[str, str]:
    primary, alternate = doublemetaphone(token)
    return primary or "", alternate or ""


@lru_cache(maxsize=65536)
def cologne(token: str) -> str:
    return _cologne(token)


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """Consonants of the folded token, doubled ones once, a final "h" of a vowel dropped."""
    consonants = _VOWELS.sub("", fold(token))
    return re.sub(r"([a-z])\1+", r"\1", consonants)
