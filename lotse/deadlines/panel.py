"""The case page's follow-up panel: the case's tasks and a short form for a new one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lotse.cases.models import Case
from lotse.cases.panels import CasePanel, CaseView, PanelContent, register
from lotse.core.categories import DataCategory
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.forms import TaskForm
from lotse.deadlines.models import Task
from lotse.plans.models import Goal
from lotse.plans.views.panel import case_plan

DONE_ROWS = 5


def panel_context(
    request: HttpRequest,
    case: Case,
    form: TaskForm | None = None,
    goals: list[Goal] | None = None,
) -> dict[str, Any]:
    """`goals`: the case's goals and steps the page read already (see link_choices)."""
    user: Any = request.user
    # One query for the case's few tasks, split here rather than asked for twice.
    tasks = list(
        Task.objects.visible_to(user, case=case)
        .select_related("assignee", "team", "organisation", "goal", "step")
        .order_by("due_on", "id")
    )
    open_tasks = [t for t in tasks if t.status == TaskStatus.OPEN]
    closed = [t for t in tasks if t.status != TaskStatus.OPEN]
    done = sorted(closed, key=lambda t: (t.completed_at or t.updated_at, t.pk), reverse=True)
    done = done[:DONE_ROWS]
    if form is None and case.is_open:
        form = TaskForm(case=case, user=user, goals=goals)
    return {"case": case, "open_tasks": open_tasks, "done_tasks": done, "form": form}


def render_panel(view: CaseView) -> PanelContent | None:
    # Follow-ups are the owning organisation's planning (Task.objects is owner-only).
    if not view.can_change:
        return None
    # The goals and steps to link a task to are the plan panel's, read once.
    _plan, goals = case_plan(view)
    return PanelContent(
        "deadlines/panel.html",
        panel_context(view.request, view.case, goals=goals),
        frozenset({DataCategory.CASE_NOTES.value}),
    )


def register_panel() -> None:
    register(CasePanel("deadlines", 60, render_panel))
