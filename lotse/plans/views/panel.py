"""The plan panel on the case page: goals by life area, their steps and reviews."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from lotse.cases.panels import CaseView, PanelContent
from lotse.core.categories import DataCategory
from lotse.people.models import LanguageSkill
from lotse.plans.models import Goal, GoalReview, IntegrationPlan, Step
from lotse.plans.pdf_texts import LANGUAGES, offered_languages


def shown_goals(user: Any, case_id: int, categories: frozenset[str]) -> list[Goal]:
    """The case's goals in the categories the reader holds, steps and reviews attached."""
    return list(
        Goal.objects.visible_to(user, case=case_id)
        .filter(life_area__category__in=categories)
        .select_related("life_area")
        .prefetch_related(  # type: ignore[type-var]
            Prefetch(
                "steps",
                queryset=Step.objects.select_related("responsible_organisation").order_by(
                    "position", "due_date", "id"
                ),
            ),
            Prefetch(
                "reviews",
                queryset=GoalReview.objects.select_related("reviewed_by").order_by(
                    "reviewed_on", "id"
                ),
            ),
        )
        .order_by("position", "id")
    )


def case_plan(view: CaseView) -> tuple[IntegrationPlan | None, list[Goal]]:
    """The case's plan and the goals the reader may see, read once per case page:
    the follow-up panel offers the same goals and steps to link a task to."""

    def read() -> tuple[IntegrationPlan | None, list[Goal]]:
        plan = IntegrationPlan.objects.filter(case=view.case).first()
        return plan, shown_goals(view.user, view.case.pk, view.categories) if plan else []

    shared: tuple[IntegrationPlan | None, list[Goal]] = view.once("plans.plan", read)
    return shared


def plan_panel(view: CaseView) -> PanelContent | None:
    case = view.case
    plan, goals = case_plan(view)
    if not goals and not view.can_change:
        return None
    shown = {goal.life_area.category for goal in goals}
    notes = DataCategory.CASE_NOTES in view.categories
    if plan and notes:
        shown.add(DataCategory.CASE_NOTES.value)
    languages: list[tuple[str, str]] = []
    if goals:
        spoken = []
        if DataCategory.IDENTITY in view.categories:
            spoken = list(
                LanguageSkill.objects.filter(person_id=case.person_id).values_list(
                    "language", flat=True
                )
            )
        languages = offered_languages(spoken)
    return PanelContent(
        template="plans/_panel.html",
        context={
            "plan": plan,
            "show_agreement": notes,
            "goals": goals,
            "today": timezone.localdate(),
            "can_edit": view.can_change and case.is_open,
            "languages": languages,
            "all_languages": [(code, LANGUAGES[code].name) for code in LANGUAGES],
        },
        categories=frozenset(shown),
    )
