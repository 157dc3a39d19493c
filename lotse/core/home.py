"""Sections that apps contribute to the start page.

Each app registers a section from its AppConfig.ready(): what is due, new
referrals, the team's caseload. A section returns None when it has nothing for
this user, and names the data categories it shows for the audit trail (one
read entry per person shown, appended for the whole page at once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # (person id, case id or None, categories shown) per person on the section.
    reads: tuple[tuple[int, int | None, frozenset[str]], ...] = ()


@dataclass(frozen=True)
class HomeSectionSource:
    key: str
    order: int
    render: Callable[[HttpRequest], HomeSection | None]


_sources: dict[str, HomeSectionSource] = {}


def register(source: HomeSectionSource) -> None:
    _sources[source.key] = source


def sections(request: HttpRequest) -> list[HomeSection]:
    shown = (source.render(request) for source in sorted(_sources.values(), key=lambda s: s.order))
    return [section for section in shown if section is not None]
