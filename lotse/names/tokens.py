"""One name field ("Abd al-Rahman Al-Hassan") to comparable tokens.

Rules, applied the same way to stored names and to queries:

- any script is romanised (`script.to_latin`), case and diacritics go;
- hyphens, dots, commas and spaces separate name parts; apostrophes of ayn
  and hamza do not ("Sa'id" is one part);
- articles and patronymic links (al-, el-, bin, ibn, ben, von, van...) are
  dropped, but the joined form ("alhassan") is kept as an alternative, since
  some offices write "Alhassan";
- "servant of"/"father of" (abd, abdul, abdel, abu...) join the next part:
  "Abdul Rahman", "Abd al-Rahman", "Abdelrahman" all become "abdrahman";
- "-eddin"/"-uddin"/"-aldin" and "-ullah"/"-allah" join the previous part;
- a glued article ("Alhassan") also yields the part without it ("hassan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lotse.names.script import is_abjad, to_latin

_SEPARATORS = re.compile(r"[^a-z0-9]+")
# Dropped when they stand alone and other parts remain.
DROPPED_PARTICLES = frozenset(
    {
        "al", "el", "ul", "ad", "ed", "ar", "er", "as", "es", "ash", "az", "ez", "at",
        "bin", "ibn", "bint", "ben", "bn", "von", "van", "der", "den", "de", "del", "da", "di",
    }
)  # fmt: skip
# Joined with the following part.
JOINING_PARTICLES = frozenset(
    {"abd", "abdul", "abdel", "abdal", "abdol", "abdil", "abdur", "abdus", "abu", "abou", "abo"}
)
_ABD = re.compile(r"^abd(?:ul|el|al|ol|il|ur|ar|er|us|u|e|a|o)?(?=[a-z]{2})")
_ABU = re.compile(r"^(?:abou|abo|abi)(?=[a-z]{2})")
_DIN = re.compile(r"(?<=[a-z]{2})(?:ud|ad|ed|el|al|ul|u|e|a)?d+in+e?$")
_LLAH = re.compile(r"(?<=[a-z]{2})(?:u|a|o)ll?ah?$")
_DIN_PART = re.compile(r"^(?:ud|ad|ed|el|al|ul|u|e|a)?d+in+e?$")
_LLAH_PART = re.compile(r"^(?:u|a|o)ll?ah?$")
_GLUED_ARTICLE = re.compile(r"^(?:al|el)(?=[a-z]{4})")


@dataclass(frozen=True, slots=True)
class Token:
    form: str  # the normalised part
    alternatives: tuple[str, ...]  # other forms the same part is written in
    abjad: bool  # came from Arabic script: only its consonants are reliable

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.form, *self.alternatives)


def shape(part: str) -> str:
    """The form of one already joined part: compound prefixes and suffixes spelled one way."""
    part = _ABD.sub("abd", part)
    part = _ABU.sub("abu", part)
    part = _DIN.sub("uddin", part)
    return _LLAH.sub("ullah", part)


def _parts(text: str) -> list[str]:
    return [p for p in _SEPARATORS.split(to_latin(text)) if p]


def tokens(text: str) -> list[Token]:
    """The tokens of one name field, in order."""
    abjad = is_abjad(text or "")
    parts = _parts(text)
    keep_particles = all(p in DROPPED_PARTICLES for p in parts)
    merged: list[tuple[str, str]] = []  # (part, particle written before it)
    pending_join = ""
    article = ""
    for part in parts:
        if part in JOINING_PARTICLES:
            pending_join += part
            continue
        if part in DROPPED_PARTICLES and not keep_particles:
            if not pending_join:
                article += part
            continue
        if merged and not pending_join and (_DIN_PART.match(part) or _LLAH_PART.match(part)):
            previous, before = merged[-1]
            merged[-1] = (previous + part, before)
            article = ""  # "Nour al-Din": the article belongs to the suffix
            continue
        merged.append((pending_join + part, article))
        pending_join = ""
        article = ""
    if pending_join:
        merged.append((pending_join, article))
    elif article:
        # A particle with nothing after it ("Mohammed Al" while typing) stays a part.
        merged.append((article, ""))
    result = []
    for part, before in merged:
        form = shape(part)
        alternatives: list[str] = []
        if before:
            alternatives.append(shape(before + part))
        glued = _GLUED_ARTICLE.sub("", form)
        if glued != form:
            alternatives.append(glued)
        result.append(
            Token(form, tuple(dict.fromkeys(a for a in alternatives if a != form)), abjad)
        )
    return result


def name_tokens(given: str, family: str) -> tuple[list[Token], list[Token]]:
    return tokens(given), tokens(family)
