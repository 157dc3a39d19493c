"""The start page's questions: my cases by phase, what is due, the team's caseload.

Each answer costs a fixed number of queries whatever the caseload, so the
start page stays fast at a million cases (docs/benchmarks.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as Case_
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from lotse.accounts.models import User
from lotse.cases.choices import Phase
from lotse.cases.models import Case, CaseManagerAssignment
from lotse.deadlines.choices import DueWindow, TaskStatus
from lotse.deadlines.models import Task, TaskQuerySet
from lotse.deadlines.team import team_ids_of, team_members

SECTION_ROWS = 10


def week_end(today: datetime.date) -> datetime.date:
    """The Sunday of today's week: "this week" as a German calendar counts it."""
    return today + datetime.timedelta(days=6 - today.weekday())


def window_filter(window: str, today: datetime.date) -> Q:
    if window == DueWindow.OVERDUE:
        return Q(due_on__lt=today)
    if window == DueWindow.TODAY:
        return Q(due_on=today)
    if window == DueWindow.WEEK:
        # Later this week: today's tasks have their own list.
        return Q(due_on__gt=today, due_on__lte=week_end(today))
    return Q()


def my_tasks(user: Any) -> TaskQuerySet:
    """Open tasks of the user and of the user's teams, in cases the user may change."""
    return (
        Task.objects.visible_to(user)
        .open()
        .for_assignee(user, team_ids_of(user))
        .select_related("case__person", "team", "organisation")
        .order_by("due_on", "id")
    )


@dataclass
class DueTasks:
    today: datetime.date
    overdue: list[Task]
    due_today: list[Task]
    this_week: list[Task]
    counts: dict[str, int]

    def all_shown(self) -> list[Task]:
        return [*self.overdue, *self.due_today, *self.this_week]


def due_tasks(user: Any, *, rows: int = SECTION_ROWS) -> DueTasks:
    """Overdue, due today and later this week: the first rows of each and their
    counts, in one query (window functions), so the start page pays one round trip."""
    today = timezone.localdate()
    bucket = Case_(
        When(due_on__lt=today, then=Value(DueWindow.OVERDUE)),
        When(due_on=today, then=Value(DueWindow.TODAY)),
        default=Value(DueWindow.WEEK),
        output_field=CharField(),
    )
    # Overdue: the oldest first would bury yesterday's under last year's; the
    # most recent misses are the ones still worth catching up on.
    latest_first = Window(RowNumber(), partition_by=[bucket], order_by=[F("due_on").desc(), "id"])
    soonest_first = Window(RowNumber(), partition_by=[bucket], order_by=[F("due_on").asc(), "id"])
    shown = list(
        my_tasks(user)
        .filter(due_on__lte=week_end(today))
        .annotate(
            bucket=bucket,
            in_bucket=Window(Count("id"), partition_by=[bucket]),
            rank=Case_(
                When(due_on__lt=today, then=latest_first),
                default=soonest_first,
                output_field=IntegerField(),
            ),
        )
        .filter(rank__lte=rows)
        .order_by("due_on", "id")
    )
    grouped: dict[str, list[Task]] = {
        w: [] for w in (DueWindow.OVERDUE, DueWindow.TODAY, DueWindow.WEEK)
    }
    counts = dict.fromkeys(("overdue", "today", "week"), 0)
    for task in shown:
        grouped[task.bucket].append(task)  # type: ignore[attr-defined]
        counts[task.bucket] = task.in_bucket  # type: ignore[attr-defined]
    grouped[DueWindow.OVERDUE].reverse()
    return DueTasks(
        today, grouped[DueWindow.OVERDUE], grouped[DueWindow.TODAY], grouped[DueWindow.WEEK], counts
    )


def my_cases_by_phase(user: Any) -> list[tuple[str, str, int]]:
    """(phase, label, count) of the open cases the user manages, in the method's order."""
    counts = dict(
        Case.objects.visible_to(user)
        .open()
        .filter(managers=user)
        .order_by()
        .values_list("phase")
        .annotate(n=Count("id"))
        .values_list("phase", "n")
    )
    return [(p.value, str(p.label), counts.get(p.value, 0)) for p in Phase if p != Phase.CLOSED]


def _count(queryset: Any) -> Coalesce:
    return Coalesce(
        Subquery(queryset.annotate(n=Count("*")).values("n")[:1], output_field=IntegerField()), 0
    )


def caseload(lead: Any, *, today: datetime.date | None = None) -> list[User]:
    """The members a team lead leads, each with open cases, open and overdue tasks."""
    today = today or timezone.localdate()
    cases = (
        CaseManagerAssignment.objects.filter(user=OuterRef("pk"))
        .exclude(case__phase=Phase.CLOSED)
        .order_by()
        .values("user")
    )
    tasks = Task.objects.filter(assignee=OuterRef("pk"), status=TaskStatus.OPEN).order_by()
    return list(
        team_members(lead).annotate(
            open_cases=_count(cases),
            open_tasks=_count(tasks.values("assignee")),
            overdue_tasks=_count(tasks.filter(due_on__lt=today).values("assignee")),
        )
    )
