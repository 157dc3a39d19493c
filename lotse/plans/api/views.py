"""Plans through the API: the same actions, visibility and audit as the pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from lotse.access.visibility import categories_for
from lotse.audit.log import record_read, record_reads
from lotse.cases.models import Case
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin, path_id
from lotse.core.categories import DataCategory
from lotse.plans.actions import (
    do_add_goal,
    do_add_step,
    do_record_agreement,
    do_review_goal,
    do_update_goal,
    do_update_step,
)
from lotse.plans.api.serializers import (
    AgreementSerializer,
    GoalCreateSerializer,
    GoalFilterSerializer,
    GoalReviewCreateSerializer,
    GoalSerializer,
    GoalUpdateSerializer,
    PlanSerializer,
    StepCreateSerializer,
    StepFilterSerializer,
    StepSerializer,
    StepUpdateSerializer,
)
from lotse.plans.choices import PENDING_STEP_STATUSES
from lotse.plans.models import Goal, GoalReview, IntegrationPlan, Step
from lotse.plans.views.panel import shown_goals


def _audit_rows(user: Any, rows: Iterable[tuple[int, int, str]], object_type: str) -> None:
    grouped: dict[tuple[int, int], set[str]] = {}
    for person_id, case_id, category in rows:
        grouped.setdefault((person_id, case_id), set()).add(category)
    record_reads(
        user,
        [(p, c, frozenset(cats)) for (p, c), cats in grouped.items()],
        object_type=object_type,
    )


def _goal_queryset() -> Any:
    return Goal.objects.select_related("life_area", "case").prefetch_related(  # type: ignore[type-var]
        Prefetch("steps", queryset=Step.objects.order_by("position", "due_date", "id")),
        Prefetch("reviews", queryset=GoalReview.objects.order_by("reviewed_on", "id")),
    )


@extend_schema(tags=["plans"])
class PlanViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    """The integration plan of a case, addressed by the case's id."""

    serializer_class = PlanSerializer
    # Digits only: anything else is no case id and gets the API's JSON 404.
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Case]:
        if self.for_schema:
            return Case.objects.none()
        return Case.objects.visible_to(self.request.user)

    def _case(self) -> Case:
        return get_object_or_404(self.get_queryset(), pk=path_id(self.kwargs["pk"]))

    def _answer(self, case: Case) -> Response:
        user = self.request.user
        categories = categories_for(user, case.person_id, case.pk)
        plan = IntegrationPlan.objects.filter(case=case).first()
        goals = shown_goals(user, case.pk, categories) if plan else []
        if plan is None:
            # Not written yet: the empty plan a first change will start from.
            plan = IntegrationPlan(case=case)
        shown = {goal.life_area.category for goal in goals} | {DataCategory.CASE_NOTES.value}
        record_read(
            user,
            person_id=case.person_id,
            case_id=case.pk,
            categories=shown & categories,
            object_type="plans.integrationplan",
            object_id=plan.pk or case.pk,
        )
        data = PlanSerializer(plan, context={"goals": goals}).data
        if DataCategory.CASE_NOTES not in categories:
            data["agreed_on"], data["agreement_form"] = None, ""
        return Response(data)

    @extend_schema(
        summary="The integration plan of a case",
        description="Goals of life areas not released to you are left out. The read is audited.",
        responses={200: PlanSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self._answer(self._case())

    @extend_schema(
        summary="Record when and how the person agreed to the plan",
        description="Send null and an empty form to withdraw the record.",
        request=AgreementSerializer,
        responses={200: PlanSerializer, **errors(400, 403, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def agreement(self, request: Request, pk: Any = None) -> Response:
        case = self._case()
        self.require_change(case.person_id, case.pk)
        serializer = AgreementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with action_errors():
            do_record_agreement(
                request.user,
                case,
                agreed_on=data["agreed_on"],
                agreement_form=data["agreement_form"],
                expected_version=data["expected_version"],
            )
        return self._answer(case)


class _PlanRowViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    def changeable(self) -> Any:
        row = self.get_object()
        self.require_change(row.case.person_id, row.case_id)
        return row

    def _read(self, row: Any, status_code: int = 200) -> Response:
        raise NotImplementedError

    def _validated(self, serializer_class: type[Serializer]) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _change(
        self,
        change: Callable[..., Any],
        target: Any,
        fields: dict[str, Any],
        status_code: int = 200,
    ) -> Response:
        """Call `change(user, target, expected_version=…, **fields)`; answer the changed row."""
        version = fields.pop("expected_version")
        with action_errors():
            row = change(self.request.user, target, expected_version=version, **fields)
        return self._read(row, status_code=status_code)


@extend_schema(tags=["plans"])
class GoalViewSet(_PlanRowViewSet):
    """SMART goals of integration plans; each is data of its life area's category."""

    serializer_class = GoalSerializer

    def get_queryset(self) -> QuerySet[Goal]:
        if self.for_schema:
            return Goal.objects.none()
        queryset: QuerySet[Goal] = _goal_queryset()
        return queryset.filter(
            pk__in=Goal.objects.visible_to(self.request.user).values("pk")
        ).order_by("case_id", "position", "id")

    def _read(self, goal: Goal, status_code: int = 200) -> Response:
        goal = self.get_queryset().get(pk=goal.pk)
        _audit_rows(
            self.request.user,
            [(goal.case.person_id, goal.case_id, goal.life_area.category)],
            "plans.goal",
        )
        return Response(GoalSerializer(goal).data, status=status_code)

    @extend_schema(
        summary="Goals visible to you",
        parameters=[GoalFilterSerializer],
        responses={200: GoalSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = GoalFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        queryset = self.get_queryset()
        if "case" in wanted:
            queryset = queryset.filter(case_id=wanted["case"])
        if wanted.get("open") is not None:
            queryset = queryset.filter(settled_on__isnull=wanted["open"])
        page = self.paginate_queryset(queryset) or []
        _audit_rows(
            request.user,
            [(g.case.person_id, g.case_id, g.life_area.category) for g in page],
            "plans.goal",
        )
        return self.get_paginated_response(GoalSerializer(page, many=True).data)

    @extend_schema(summary="One goal", responses={200: GoalSerializer, **errors(404)})
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self._read(self.get_object())

    @extend_schema(
        summary="Add a goal to a case's plan",
        request=GoalCreateSerializer,
        responses={201: GoalSerializer, **errors(400, 403, 404, 409, 415)},
    )
    def create(self, request: Request) -> Response:
        data = self._validated(GoalCreateSerializer)
        case = get_object_or_404(Case.objects.visible_to(request.user), pk=data.pop("case"))
        self.require_change(case.person_id, case.pk)
        return self._change(do_add_goal, case, data, status_code=201)

    @extend_schema(
        summary="Change a goal",
        request=GoalUpdateSerializer,
        responses={200: GoalSerializer, **errors(400, 403, 404, 409, 415)},
    )
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        goal = self.changeable()
        return self._change(do_update_goal, goal, self._validated(GoalUpdateSerializer))

    @extend_schema(
        summary="Record a review of a goal's attainment",
        description="'partly' keeps the goal open; the other attainments settle it.",
        request=GoalReviewCreateSerializer,
        responses={200: GoalSerializer, **errors(400, 403, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: Any = None) -> Response:
        goal = self.changeable()
        serializer = GoalReviewCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with action_errors():
            do_review_goal(
                request.user,
                goal,
                attainment=data["attainment"],
                reason=data["reason"],
                reviewed_on=data.get("reviewed_on"),
                expected_version=data["expected_version"],
            )
        return self._read(goal)


@extend_schema(tags=["plans"])
class StepViewSet(_PlanRowViewSet):
    """Agreed steps towards goals: who is responsible, by when, how far."""

    serializer_class = StepSerializer

    def get_queryset(self) -> QuerySet[Step]:
        if self.for_schema:
            return Step.objects.none()
        return (
            Step.objects.visible_to(self.request.user)
            .select_related("case", "goal__life_area")
            .order_by("due_date", "id")
        )

    def _read(self, step: Step, status_code: int = 200) -> Response:
        step = self.get_queryset().get(pk=step.pk)
        _audit_rows(
            self.request.user,
            [(step.case.person_id, step.case_id, step.goal.life_area.category)],
            "plans.step",
        )
        return Response(StepSerializer(step).data, status=status_code)

    @extend_schema(
        summary="Agreed steps visible to you",
        parameters=[StepFilterSerializer],
        responses={200: StepSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = StepFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        queryset = self.get_queryset()
        if "case" in wanted:
            queryset = queryset.filter(case_id=wanted["case"])
        if "goal" in wanted:
            queryset = queryset.filter(goal_id=wanted["goal"])
        if wanted.get("overdue"):
            queryset = queryset.filter(
                status__in=PENDING_STEP_STATUSES, due_date__lt=timezone.localdate()
            )
        if wanted.get("mine"):
            queryset = queryset.filter(case__managers=request.user.pk)
        page = self.paginate_queryset(queryset) or []
        _audit_rows(
            request.user,
            [(s.case.person_id, s.case_id, s.goal.life_area.category) for s in page],
            "plans.step",
        )
        return self.get_paginated_response(StepSerializer(page, many=True).data)

    @extend_schema(summary="One step", responses={200: StepSerializer, **errors(404)})
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self._read(self.get_object())

    @extend_schema(
        summary="Add an agreed step to a goal",
        request=StepCreateSerializer,
        responses={201: StepSerializer, **errors(400, 403, 404, 409, 415)},
    )
    def create(self, request: Request) -> Response:
        data = self._validated(StepCreateSerializer)
        goal = get_object_or_404(
            Goal.objects.visible_to(request.user).select_related("case"), pk=data.pop("goal")
        )
        self.require_change(goal.case.person_id, goal.case_id)
        return self._change(do_add_step, goal, data, status_code=201)

    @extend_schema(
        summary="Change a step (also its status)",
        request=StepUpdateSerializer,
        responses={200: StepSerializer, **errors(400, 403, 404, 409, 415)},
    )
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        step = self.changeable()
        return self._change(do_update_step, step, self._validated(StepUpdateSerializer))


__all__ = ["GoalViewSet", "PlanViewSet", "StepViewSet"]
