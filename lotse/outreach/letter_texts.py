"""The fixed texts of outreach letters, per language and target group.

One JSON file per language in letter_texts/, like lotse/plans/plan_texts: a
translator reviews one file without touching code; `machine_drafted` stays
true until a human translator has checked it, and the letter then says so.
`version` is stored with each campaign, so it is known which text was sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_DIR = Path(__file__).resolve().parent / "letter_texts"
LANGUAGE_ORDER = ("de", "en", "ar", "fa", "uk", "tr")
# Better knowledge first when a person speaks several languages with a letter.
LEVEL_ORDER = ("native", "C2", "C1", "B2", "B1", "A2", "A1")


@dataclass(frozen=True)
class LetterTexts:
    language: str
    name: str
    direction: str
    machine_drafted: bool
    version: str
    labels: dict[str, str]
    groups: dict[str, str]

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def _load(code: str) -> LetterTexts:
    raw: dict[str, Any] = json.loads((_DIR / f"{code}.json").read_text(encoding="utf-8"))
    return LetterTexts(**raw)


# Read once at import: a missing or broken file stops the start, not a letter run.
LETTERS: dict[str, LetterTexts] = {code: _load(code) for code in LANGUAGE_ORDER}


def letter_language(skills: Iterable[tuple[str, str]]) -> str:
    """The person's best-known language with a letter; German otherwise.

    `skills` are (language, level) pairs; German known at B1 or better wins,
    since the German text is the authoritative one.
    """
    ranked = sorted(
        (s for s in skills if s[0] in LETTERS and s[1] in LEVEL_ORDER),
        key=lambda s: LEVEL_ORDER.index(s[1]),
    )
    for language, level in ranked:
        if language == "de" and LEVEL_ORDER.index(level) > LEVEL_ORDER.index("B1"):
            continue
        return language
    return "de"


def versions() -> dict[str, str]:
    return {code: texts.version for code, texts in LETTERS.items()}
