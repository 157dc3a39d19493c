"""The fixed texts of the printed plan, per language.

One JSON file per language in plan_texts/, so a translator can review one
file without touching code. `machine_drafted` stays true until a human
translator has checked the file; the PDF then says so on every page.
Life areas without a translated name (an administrator added one) fall back
to the German name from the catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_DIR = Path(__file__).resolve().parent / "plan_texts"
# Order of the language menu: German first, then the languages of the field.
LANGUAGE_ORDER = ("de", "en", "ar", "fa", "prs", "uk", "tr")


@dataclass(frozen=True)
class PlanTexts:
    language: str
    name: str
    direction: str
    machine_drafted: bool
    labels: dict[str, str]
    life_areas: dict[str, str]
    agreement_forms: dict[str, str]
    responsible_kinds: dict[str, str]
    step_statuses: dict[str, str]
    attainments: dict[str, str]

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def _load(code: str) -> PlanTexts:
    raw: dict[str, Any] = json.loads((_DIR / f"{code}.json").read_text(encoding="utf-8"))
    return PlanTexts(**raw)


# Small files, read once at import: a missing or broken one stops the start.
LANGUAGES: dict[str, PlanTexts] = {code: _load(code) for code in LANGUAGE_ORDER}


def offered_languages(spoken: Iterable[str]) -> list[tuple[str, str]]:
    """German, then the person's languages that have a translation of the plan."""
    wanted = ["de", *[code for code in spoken if code in LANGUAGES and code != "de"]]
    return [(code, LANGUAGES[code].name) for code in dict.fromkeys(wanted)]
