"""Fetching plan rows for a change, and the plan forms' one flow: save or show again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render

from lotse.access.visibility import Action, categories_for
from lotse.audit.log import record_read
from lotse.cases.models import Case
from lotse.cases.panels import CaseView
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
    if getattr(request, "htmx", False) and template == "plans/form.html":
        # Asked for from the case page: only the form, swapped into the plan
        # panel. Ids of its own, as the case page holds other forms with the
        # same field names (the follow-up's title, the phase change's note).
        form.auto_id = "plan-%s"
        return render(request, "plans/_form.html", context, status=200)
    return render(request, template, context, status=200)


def plan_panel_response(request: HttpRequest, case: Case, saved: str) -> HttpResponse:
    """The case page's plan panel after a save from its own form (HTMX).

    The form asked to replace itself; the answer replaces the whole panel, so the
    new goal or step shows where it belongs. The panel shows plan data: a read.
    """
    from lotse.plans.views.panel import plan_panel

    user: Any = request.user
    categories = categories_for(user, case.person_id, case.pk)
    view = CaseView(request=request, case=case, categories=categories, can_change=True)
    content = plan_panel(view)
    assert content is not None  # the owner's staff may change the case: the panel shows
    record_read(
        user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=content.categories & categories,
        object_type="plans.integrationplan",
        object_id=content.context["plan"].pk,
    )
    response = render(
        request, content.template, {"panel": {**content.context, "saved": saved}, "case": case}
    )
    response["HX-Retarget"] = "#plan-panel"
    response["HX-Reswap"] = "outerHTML"
    return response


def _back(request: HttpRequest, case: Case, saved: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        return plan_panel_response(request, case, saved)
    messages.success(request, saved)
    response = redirect("cases:detail", pk=case.pk)
    response["Location"] += "#plan-heading"
    return response


def versioned_form_view(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    *,
    change: Callable[..., Any],
    target: Any,
    saved: str,
    title: str,
    submit: str,
    intro: str = "",
    shown: tuple[str, Any] | None = None,
) -> HttpResponse:
    """A plan form's flow: on a valid POST call `change(user, target, expected_version=…,
    **fields)` and go back to the case; otherwise (or when the action refuses) show the
    form again, with what changed meanwhile after a stale save.

    `shown` is the (category, object) whose stored values the form shows: the
    form page is then audited as a read of it.
    """
    changes: list[ChangeLine] = []
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            change(request.user, target, expected_version=version, **fields)
        except ValidationError as error:
            changes = refuse(form, error)
        else:
            return _back(request, case, saved)
    if shown is not None:
        category, obj = shown
        audit_form_read(request, case, category, obj)
    return form_page(request, case, form, title=title, submit=submit, intro=intro, changes=changes)
