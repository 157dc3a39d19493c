"""Start-page section: overdue steps of the cases the user manages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from lotse.access.visibility import categories_for_cases
from lotse.cases.choices import Phase
from lotse.core.categories import DataCategory
from lotse.core.home import HomeSection
from lotse.plans.models import Step

SHOWN = 20


def overdue_steps_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not user.is_authenticated or not user.case_organisation_ids:
        return None
    today = timezone.localdate()
    # Pending steps past due in open cases the user manages, the oldest first;
    # the visibility check still applies row by row (life-area category).
    rows = list(
        Step.objects.visible_to(user)
        .pending()
        .filter(due_date__lt=today, case__managers=user)
        .exclude(case__phase=Phase.CLOSED)
        .select_related("case__person", "goal__life_area")
        .order_by("due_date", "id")[: SHOWN + 1]
    )
    if not rows:
        return None
    more = len(rows) > SHOWN
    rows = rows[:SHOWN]
    held = categories_for_cases(user, [(s.case.person_id, s.case_id) for s in rows])
    items = []
    reads: dict[tuple[int, int], set[str]] = {}
    for step in rows:
        key = (step.case.person_id, step.case_id)
        identity = DataCategory.IDENTITY in held.get(key, frozenset())
        items.append(
            {
                "step": step,
                "days": (today - step.due_date).days,
                "person": step.case.person.display_name if identity else "",
            }
        )
        shown = reads.setdefault(key, set())
        shown.add(step.goal.life_area.category)
        if identity:
            shown.add(DataCategory.IDENTITY.value)
    return HomeSection(
        template="plans/_home_overdue.html",
        context={"items": items, "more": more},
        reads=tuple((p, c, frozenset(cats)) for (p, c), cats in reads.items()),
    )
