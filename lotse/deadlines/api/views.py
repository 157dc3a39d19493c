from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.audit.log import record_read, record_reads
from lotse.cases.models import Case
from lotse.core.api.categories import categories_by_pk
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.deadlines.actions import (
    do_complete_task,
    do_create_task,
    do_reassign_case,
    do_revoke_calendar_feed,
    do_rotate_calendar_feed,
    do_update_task,
)
from lotse.deadlines.api.serializers import (
    CalendarFeedIssuedSerializer,
    CalendarFeedRotateSerializer,
    CalendarFeedSerializer,
    CaseloadMemberSerializer,
    DashboardSerializer,
    ReassignResultSerializer,
    ReassignSerializer,
    TaskCompleteSerializer,
    TaskCreateSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
)
from lotse.deadlines.choices import DueWindow, TaskStatus
from lotse.deadlines.models import CalendarFeed, Task, TaskQuerySet
from lotse.deadlines.queries import caseload, due_tasks, my_cases_by_phase, window_filter
from lotse.deadlines.team import leads_member, led_scopes, team_ids_of

SHOWN = frozenset(TaskSerializer.field_categories.values())


def _context(view: Any, user: Any, tasks: list[Task]) -> dict[str, Any]:
    held = categories_by_pk(Case.objects.all(), user, sorted({t.case_id for t in tasks}), SHOWN)
    return {
        **view.get_serializer_context(),
        "categories_of": lambda t: held.get(t.case_id, frozenset()),
    }


def _record_list(user: Any, tasks: list[Task], context: dict[str, Any]) -> None:
    of = context["categories_of"]
    rows = dict.fromkeys((t.case.person_id, t.case_id, of(t)) for t in tasks)
    record_reads(user, rows, object_type="deadlines.task")


class TaskFilterSerializer(serializers.Serializer):
    due = serializers.ChoiceField(choices=DueWindow.choices, required=False)
    mine = serializers.BooleanField(
        required=False, default=False, help_text=_("Only yours and your teams' tasks.")
    )
    case = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)


@extend_schema(tags=["tasks"])
class TaskViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    """Follow-ups (Wiedervorlagen): only the owning organisation's case staff see them."""

    serializer_class = TaskSerializer

    def get_queryset(self) -> TaskQuerySet:
        if self.for_schema:
            return Task.objects.none()
        return Task.objects.visible_to(self.request.user).select_related("case__person")

    def _one(self, task: Task, *, status_code: int = 200) -> Response:
        user = self.request.user
        task = self.get_queryset().get(pk=task.pk)
        context = _context(self, user, [task])
        record_read(
            user,
            person_id=task.case.person_id,
            case_id=task.case_id,
            categories=context["categories_of"](task),
            object_type="deadlines.task",
            object_id=task.pk,
        )
        return Response(TaskSerializer(task, context=context).data, status=status_code)

    def _changeable(self) -> Task:
        task = self.get_object()
        self.require_change(task.case.person_id, task.case_id)
        return task

    @extend_schema(
        summary="List follow-ups you may see",
        parameters=[TaskFilterSerializer],
        responses={200: TaskSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = TaskFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        queryset = self.get_queryset()
        if "due" in wanted:
            queryset = queryset.open().filter(window_filter(wanted["due"], timezone.localdate()))
        if wanted.get("mine"):
            queryset = queryset.for_assignee(request.user, team_ids_of(request.user))
        if "case" in wanted:
            queryset = queryset.filter(case_id=wanted["case"])
        if "status" in wanted:
            queryset = queryset.filter(status=wanted["status"])
        page = self.paginate_queryset(queryset.order_by("due_on", "id")) or []
        context = _context(self, request.user, page)
        _record_list(request.user, page, context)
        return self.get_paginated_response(TaskSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary="One follow-up",
        description="The read is recorded in the audit trail.",
        responses={200: TaskSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self._one(self.get_object())

    @extend_schema(
        summary="Create a follow-up in a case you may change",
        request=TaskCreateSerializer,
        responses={201: TaskSerializer, **errors(400, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = TaskCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        with action_errors():
            task = do_create_task(request.user, case, **data)
        return self._one(task, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a follow-up",
        description="Refused with 409 when the task changed since `expected_version`.",
        request=TaskUpdateSerializer,
        responses={200: TaskSerializer, **errors(400, 403, 404, 409, 415)},
    )
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        task = self._changeable()
        serializer = TaskUpdateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("expected_version")
        with action_errors():
            task = do_update_task(request.user, task, expected_version=version, **data)
        return self._one(task)

    @extend_schema(
        summary="Complete a follow-up (done or cancelled)",
        request=TaskCompleteSerializer,
        responses={200: TaskSerializer, **errors(400, 403, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: Any = None) -> Response:
        task = self._changeable()
        serializer = TaskCompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with action_errors():
            task = do_complete_task(
                request.user,
                task,
                status=serializer.validated_data["status"],
                expected_version=serializer.validated_data["expected_version"],
            )
        return self._one(task)


@extend_schema(tags=["tasks"])
class DashboardView(LotseViewSetMixin, GenericAPIView):
    """What the start page shows a case worker; the persons named are recorded as read."""

    serializer_class = DashboardSerializer

    @extend_schema(
        summary="Your start page: cases by phase, follow-ups overdue, due today and this week",
        responses={200: DashboardSerializer},
    )
    def get(self, request: Request) -> Response:
        user = request.user
        due = due_tasks(user)
        shown = due.all_shown()
        context = _context(self, user, shown)
        _record_list(user, shown, context)
        phases = [
            {"phase": p, "name": label, "count": n} for p, label, n in my_cases_by_phase(user)
        ]
        data = {
            "cases_by_phase": phases,
            "overdue": {"count": due.counts["overdue"], "tasks": due.overdue},
            "today": {"count": due.counts["today"], "tasks": due.due_today},
            "week": {"count": due.counts["week"], "tasks": due.this_week},
        }
        return Response(DashboardSerializer(data, context=context).data)


@extend_schema(tags=["tasks"])
class CaseloadViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    """A team lead's team: caseload per person, and handing cases over."""

    serializer_class = CaseloadMemberSerializer
    pagination_class = None

    def _require_lead(self) -> None:
        if not led_scopes(self.request.user):
            raise exceptions.PermissionDenied(_("Only team leads see a team's caseload."))

    @extend_schema(
        summary="Your team's caseload per person (team leads)",
        responses={200: CaseloadMemberSerializer(many=True), **errors(403)},
    )
    def list(self, request: Request) -> Response:
        self._require_lead()
        return Response(CaseloadMemberSerializer(caseload(request.user), many=True).data)

    @extend_schema(
        summary="Hand a case from one case manager to another (team leads)",
        description="Open follow-ups the first held in the case move along. Audited.",
        request=ReassignSerializer,
        responses={200: ReassignResultSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=False, methods=["post"])
    def reassign(self, request: Request) -> Response:
        self._require_lead()
        serializer = ReassignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        lead = request.user
        case = get_object_or_404(Case.objects.visible_to(lead), pk=data["case"])
        if not any(org == case.organisation_id for org, _team in led_scopes(lead)):
            raise exceptions.NotFound()
        if not leads_member(lead, data["to_user"], case.organisation_id):
            raise exceptions.ValidationError(
                {"to_user": [_("Choose a case manager of your team.")]}
            )
        with action_errors():
            do_reassign_case(lead, case, from_user=data["from_user"], to_user=data["to_user"])
        managers = sorted(case.managers.values_list("pk", flat=True))
        return Response(ReassignResultSerializer({"case": case.pk, "managers": managers}).data)


@extend_schema(tags=["tasks"])
class CalendarFeedView(LotseViewSetMixin, GenericAPIView):
    """Your secret calendar address (iCalendar) for your own follow-ups."""

    serializer_class = CalendarFeedSerializer

    @extend_schema(
        summary="Whether you have a calendar address", responses={200: CalendarFeedSerializer}
    )
    def get(self, request: Request) -> Response:
        user: Any = request.user
        feed = CalendarFeed.objects.filter(user=user).first()
        data = {
            "active": feed is not None,
            "created_at": feed.created_at if feed else None,
            "last_used_at": feed.last_used_at if feed else None,
        }
        return Response(CalendarFeedSerializer(data).data)

    @extend_schema(
        summary="Make a new secret calendar address; the old one stops working",
        request=CalendarFeedRotateSerializer,
        responses={201: CalendarFeedIssuedSerializer},
    )
    def post(self, request: Request) -> Response:
        user: Any = request.user
        raw = do_rotate_calendar_feed(user)
        feed = CalendarFeed.objects.get(user=user)
        url = request.build_absolute_uri(reverse("deadlines:feed", args=[raw]))
        response = Response(
            CalendarFeedIssuedSerializer({"url": url, "created_at": feed.created_at}).data,
            status=status.HTTP_201_CREATED,
        )
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(
        summary="Switch your calendar address off",
        request=None,
        responses={204: OpenApiResponse(description="Switched off (or there was none).")},
    )
    def delete(self, request: Request) -> Response:
        do_revoke_calendar_feed(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


__all__ = ["CalendarFeedView", "CaseloadViewSet", "DashboardView", "TaskViewSet"]
