"""Sections that other apps contribute to the case page.

The case cycle (assessment, plan, contacts, deadlines, ...) lives in apps of
its own; each registers a panel here from its AppConfig.ready(), so the case
page shows them without the cases app importing any of them. A panel decides
from what the user may read whether it shows at all, and names the data
categories it shows: the case page's read entry in the audit trail covers them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from lotse.cases.models import Case


@dataclass(frozen=True)
class CaseView:
    """What the case page already knows about the user's access to this case."""

    request: HttpRequest
    case: Case
    categories: frozenset[str]
    can_change: bool
    # What one panel read and another shows too (the plan's goals and steps,
    # which the follow-up panel offers to link), read once per page.
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, read: Callable[[], Any]) -> Any:
        """`read()`'s result, read on the first call for `key` on this page only."""
        if key not in self.shared:
            self.shared[key] = read()
        return self.shared[key]

    @property
    def user(self) -> Any:
        return self.request.user


@dataclass(frozen=True)
class PanelContent:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CasePanel:
    key: str
    # Lower first; the method's order: intake 10, assessment 20, plan 30,
    # referrals 40, contacts 50, deadlines 60, documents 70, conferences 80.
    order: int
    render: Callable[[CaseView], PanelContent | None]


_panels: dict[str, CasePanel] = {}


def register(panel: CasePanel) -> None:
    _panels[panel.key] = panel


def contents(view: CaseView) -> list[PanelContent]:
    shown = (panel.render(view) for panel in sorted(_panels.values(), key=lambda p: p.order))
    return [content for content in shown if content is not None]
