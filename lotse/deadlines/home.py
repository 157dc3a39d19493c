"""Start-page sections: my cases by phase, what is due, the team's caseload."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lotse.accounts.choices import CASE_ROLES
from lotse.core.categories import DataCategory
from lotse.core.home import HomeSection, HomeSectionSource, register
from lotse.deadlines.queries import caseload, due_tasks, my_cases_by_phase
from lotse.deadlines.team import led_scopes

SHOWN = frozenset({DataCategory.IDENTITY.value, DataCategory.CASE_NOTES.value})
CASELOAD_ROWS = 30


def _does_case_work(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.roles & CASE_ROLES)


def cases_by_phase_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not _does_case_work(user):
        return None
    phases = my_cases_by_phase(user)
    # Counts only: no person is named, so nothing to record as a read.
    return HomeSection(
        "deadlines/home_phases.html",
        {"phases": phases, "total": sum(n for _p, _l, n in phases)},
    )


def due_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not _does_case_work(user):
        return None
    due = due_tasks(user)
    reads = tuple(
        dict.fromkeys((task.case.person_id, task.case_id, SHOWN) for task in due.all_shown())
    )
    return HomeSection("deadlines/home_due.html", {"due": due}, reads)


def caseload_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not led_scopes(user):
        return None
    members = caseload(user)
    return HomeSection(
        "deadlines/home_caseload.html",
        {"members": members[:CASELOAD_ROWS], "more": max(0, len(members) - CASELOAD_ROWS)},
    )


def register_sections() -> None:
    register(HomeSectionSource("deadlines.phases", 10, cases_by_phase_section))
    register(HomeSectionSource("deadlines.due", 20, due_section))
    register(HomeSectionSource("deadlines.caseload", 60, caseload_section))
