"""Fetching plan rows for a change, and rendering a plan form with a refused stale save."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render

from lotse.access.visibility import Action
from lotse.audit.log import record_read
from lotse.cases.models import Case
from lotse.core.errors import StaleObject
from lotse.core.forms import add_action_errors
from lotse.plans.locking import ChangeLine, StalePlan
from lotse.plans.models import Goal, Step


def goal_for_change(request: HttpRequest, pk: int) -> Goal:
    """The goal, if the user may change its case; 404 otherwise, like a missing one."""
    user: Any = request.user
    queryset = Goal.objects.visible_to(user, Action.CHANGE).select_related(
        "case", "life_area", "plan"
    )
    return get_object_or_404(queryset, pk=pk)


def step_for_change(request: HttpRequest, pk: int) -> Step:
    user: Any = request.user
    queryset = Step.objects.visible_to(user, Action.CHANGE).select_related(
        "case", "goal__life_area", "responsible_organisation"
    )
    return get_object_or_404(queryset, pk=pk)


def audit_form_read(request: HttpRequest, case: Case, category: str, obj: Any) -> None:
    # An edit form shows the stored text: that is a read of it.
    record_read(
        request.user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=[category],
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
    )


def refuse(
    form: forms.Form, error: Exception, renamed: dict[str, str] | None = None
) -> list[ChangeLine]:
    """Put an action's refusal on the form; for a stale save, return what changed.

    The user's input stays in the form, now based on the current version, so
    that saving again after reading the changes is a conscious decision.
    """
    if isinstance(error, StalePlan):
        data = cast(QueryDict, form.data).copy()
        data["version"] = str(error.plan.version)
        form.data = data
        form.add_error(None, error.messages[0])
        return error.lines
    if isinstance(error, StaleObject):
        form.add_error(None, error.messages)
        return []
    assert hasattr(error, "messages")
    add_action_errors(form, error, renamed)  # type: ignore[arg-type]
    return []


def form_page(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    *,
    title: str,
    submit: str,
    changes: list[ChangeLine] | None = None,
    intro: str = "",
    template: str = "plans/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "case": case,
        "form": form,
        "title": title,
        "submit": submit,
        "changes": changes or [],
        "intro": intro,
        **(extra or {}),
    }
    return render(request, template, context, status=200)
