"""Kölner Phonetik (Hans Joachim Postel, 1969): a phonetic code for German spelling.

Implemented from the published rule table so that names spelled the way
German offices hear them (Schewtschenko, Meier/Meyer, Jussuf) share a code.
"""

from __future__ import annotations

import unicodedata

_VOWELS = frozenset("aeijouy")
_C_HARD_AT_START = frozenset("ahkloqrux")
_C_HARD = frozenset("ahkoqux")


def _letters(word: str) -> str:
    word = word.lower().replace("ß", "s")
    # Umlauts are vowels (code 0) either way: drop the diacritics.
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if "a" <= c <= "z")


def _code(letters: str, i: int) -> str:
    char = letters[i]
    before = letters[i - 1] if i > 0 else ""
    after = letters[i + 1] if i + 1 < len(letters) else ""
    if char in _VOWELS:
        return "0"
    if char == "h":
        return ""
    if char == "b":
        return "1"
    if char == "p":
        return "3" if after == "h" else "1"
    if char in "dt":
        return "8" if after in ("c", "s", "z") and after else "2"
    if char in "fvw":
        return "3"
    if char in "gkq":
        return "4"
    if char == "c":
        if i == 0:
            return "4" if after in _C_HARD_AT_START and after else "8"
        if before in ("s", "z"):
            return "8"
        return "4" if after in _C_HARD and after else "8"
    if char == "x":
        return "8" if before in ("c", "k", "q") and before else "48"
    if char == "l":
        return "5"
    if char in "mn":
        return "6"
    if char == "r":
        return "7"
    if char in "sz":
        return "8"
    return ""


def cologne(word: str) -> str:
    """The Kölner Phonetik code of `word`; empty for a word without letters."""
    letters = _letters(word)
    raw = "".join(_code(letters, i) for i in range(len(letters)))
    collapsed: list[str] = []
    for digit in raw:
        if not collapsed or collapsed[-1] != digit:
            collapsed.append(digit)
    if not collapsed:
        return ""
    return collapsed[0] + "".join(d for d in collapsed[1:] if d != "0")
