"""Follow-ups on the case page (HTMX, no reload) and the user's own list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.access.visibility import Action
from lotse.audit.log import record_read, record_reads
from lotse.cases.views.common import case_for_change
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors
from lotse.deadlines.actions import do_complete_task, do_create_task, do_update_task
from lotse.deadlines.choices import DueWindow
from lotse.deadlines.forms import CompleteForm, TaskForm
from lotse.deadlines.models import Task
from lotse.deadlines.panel import panel_context
from lotse.deadlines.queries import my_tasks as my_open_tasks
from lotse.deadlines.queries import window_filter

NOTES = frozenset({DataCategory.CASE_NOTES.value})
SHOWN = frozenset({DataCategory.IDENTITY.value, DataCategory.CASE_NOTES.value})
PAGE_SIZE = 50


def task_for_change(request: HttpRequest, pk: int) -> Task:
    """The task, if the user may change its case; 404 otherwise, the same as missing."""
    return get_object_or_404(
        Task.objects.visible_to(request.user, Action.CHANGE).select_related(
            "case", "assignee", "team"
        ),
        pk=pk,
    )


def task_for_completion(request: HttpRequest, pk: int) -> Task:
    """As task_for_change, and also a task handed to the user's organisation by a
    case conference: that office completes it, though it may not edit the case."""
    tasks = Task.objects.visible_to(request.user, Action.CHANGE) | Task.objects.handed_to(
        request.user
    )
    return get_object_or_404(tasks.select_related("case", "assignee", "team"), pk=pk)


def _back_to_case(request: HttpRequest, task_or_case_id: int) -> HttpResponse:
    return redirect(reverse("cases:detail", args=[task_or_case_id]) + "#tasks-heading")


def _panel(request: HttpRequest, case: Any, form: TaskForm | None = None, **extra: Any):
    context = {"panel": {**panel_context(request, case, form), **extra}, "case": case}
    context["can_change"] = True
    return render(request, "deadlines/panel.html", context)


@login_required
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    htmx = bool(getattr(request, "htmx", False))
    form = TaskForm(request.POST or None, case=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            do_create_task(request.user, case, **form.action_fields())
        except ValidationError as error:
            add_action_errors(form, error, {"assignee": "assign_to", "team": "assign_to"})
        else:
            if htmx:
                return _panel(request, case, saved=_("Follow-up saved."))
            messages.success(request, _("Follow-up saved."))
            return _back_to_case(request, case.pk)
    if htmx:
        return _panel(request, case, form)
    status = 400 if request.method == "POST" else 200
    return render(request, "deadlines/task_form.html", {"form": form, "case": case}, status=status)


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_for_change(request, pk)
    case = task.case
    form = TaskForm(request.POST or None, case=case, user=request.user, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_task(
                request.user,
                task,
                expected_version=form.cleaned_data["version"],
                **form.action_fields(),
            )
        except ValidationError as error:
            add_action_errors(form, error, {"assignee": "assign_to", "team": "assign_to"})
        else:
            messages.success(request, _("Follow-up saved."))
            return _back_to_case(request, case.pk)
    elif request.method == "GET":
        record_read(
            request.user,
            person_id=case.person_id,
            case_id=case.pk,
            categories=NOTES,
            object_type="deadlines.task",
            object_id=task.pk,
        )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "deadlines/task_form.html",
        {"form": form, "case": case, "task": task},
        status=status,
    )


@login_required
@require_POST
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_for_completion(request, pk)
    handed_only = not Task.objects.visible_to(request.user, Action.CHANGE).filter(pk=pk).exists()
    form = CompleteForm(request.POST)
    htmx = bool(getattr(request, "htmx", False))
    problem = ""
    if form.is_valid():
        try:
            do_complete_task(
                request.user,
                task,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
    else:
        problem = _("The form was incomplete. Reload the page and try again.")
    if htmx and not handed_only:
        return _panel(request, task.case, problem=problem, saved="" if problem else _("Done."))
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, _("Follow-up completed."))
    if handed_only:
        # The responsible office may not change the case: back to its own list.
        return redirect("deadlines:mine")
    return _back_to_case(request, task.case_id)


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    window = request.GET.get("due", DueWindow.OPEN)
    if window not in DueWindow.values:
        raise Http404
    today = timezone.localdate()
    tasks = my_open_tasks(request.user).filter(window_filter(window, today))
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    record_reads(
        request.user,
        dict.fromkeys((t.case.person_id, t.case_id, SHOWN) for t in rows),
        object_type="deadlines.task",
    )
    return render(
        request,
        "deadlines/my_tasks.html",
        {
            "page": page,
            "tasks": rows,
            "window": window,
            "windows": DueWindow.choices,
            "today": today,
        },
    )
