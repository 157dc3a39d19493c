from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.visibility import categories_for, categories_for_cases
from lotse.accounts.models import User
from lotse.audit.log import record_read, record_reads
from lotse.cases.actions import (
    do_add_participant,
    do_change_phase,
    do_open_case,
    do_remove_participant,
)
from lotse.cases.api.serializers import (
    CaseCloseSerializer,
    CaseDetailSerializer,
    CaseOpenSerializer,
    CaseSerializer,
    ParticipantAddSerializer,
    ParticipantSerializer,
    PhaseChangeSerializer,
    PhaseHistorySerializer,
)
from lotse.cases.choices import Phase
from lotse.cases.models import Case, CaseParticipant, CasePhaseChange
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin, path_id
from lotse.core.categories import DataCategory
from lotse.plans.actions import do_close_case_with_goals

SHOWN_CATEGORIES = frozenset(CaseSerializer.field_categories.values())


def participant_rows(case: Case) -> list[CaseParticipant]:
    return list(
        CaseParticipant.objects.filter(case=case)
        .select_related("organisation")
        .order_by("organisation__name")
    )


class CaseFilterSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices, required=False)
    mine = serializers.BooleanField(
        required=False, default=False, help_text=_("Only cases you manage.")
    )
    person = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


@extend_schema(tags=["cases"])
class CaseViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        if self.for_schema:
            return Case.objects.none()
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("person", "organisation")
            .prefetch_related(Prefetch("managers", queryset=User.objects.order_by("username")))
        )

    def changeable_case(self) -> Case:
        case = self.get_object()
        self.require_change(case.person_id, case.pk)
        return case

    def read_case(self, case: Case, *, status_code: int = 200) -> Response:
        """The case with what the user holds of it; recorded as a read."""
        user = self.request.user
        case = (
            self.get_queryset()
            .prefetch_related(
                Prefetch(
                    "participants",
                    queryset=CaseParticipant.objects.select_related("organisation").order_by(
                        "organisation__name"
                    ),
                )
            )
            .get(pk=case.pk)
        )
        categories = categories_for(user, case.person_id, case.pk)
        record_read(
            user,
            person_id=case.person_id,
            case_id=case.pk,
            categories=categories & SHOWN_CATEGORIES,
            object_type="cases.case",
            object_id=case.pk,
        )
        context = {**self.get_serializer_context(), "categories_of": lambda _c: categories}
        return Response(CaseDetailSerializer(case, context=context).data, status=status_code)

    @extend_schema(
        summary="List cases visible to you",
        parameters=[CaseFilterSerializer],
        responses={200: CaseSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = CaseFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        queryset = self.get_queryset()
        if "phase" in wanted:
            queryset = queryset.filter(phase=wanted["phase"])
        if wanted.get("mine"):
            queryset = queryset.filter(managers=request.user.pk)
        if "person" in wanted:
            queryset = queryset.filter(person_id=wanted["person"])
        page = self.paginate_queryset(queryset.order_by("-opened_on", "-id")) or []
        # The same reckoning as a single case's (categories_for), for the whole page:
        # a further role (the operator's identity reading) must not differ by path.
        by_case = categories_for_cases(request.user, [(c.person_id, c.pk) for c in page])
        held = {c.pk: by_case[(c.person_id, c.pk)] & SHOWN_CATEGORIES for c in page}
        context = {
            **self.get_serializer_context(),
            "categories_of": lambda c: held.get(c.pk, frozenset()),
        }
        record_reads(
            request.user,
            [(c.person_id, c.pk, held.get(c.pk, ())) for c in page],
            object_type="cases.case",
        )
        return self.get_paginated_response(CaseSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary="One case, with what was released to you",
        description="The read is recorded in the audit trail.",
        responses={200: CaseDetailSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self.read_case(self.get_object())

    @extend_schema(
        summary="Open a case",
        request=CaseOpenSerializer,
        responses={201: CaseDetailSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.case_organisation_ids:
            raise exceptions.PermissionDenied(_("Only case staff can open cases."))
        serializer = CaseOpenSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person = data.pop("person")
        with action_errors():
            case = do_open_case(user, person, **data)
        return self.read_case(case, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Move a case to another phase",
        request=PhaseChangeSerializer,
        responses={200: CaseDetailSerializer, **errors(400, 403, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def phase(self, request: Request, pk: Any = None) -> Response:
        case = self.changeable_case()
        serializer = PhaseChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with action_errors():
            case = do_change_phase(
                request.user,
                case,
                serializer.validated_data["phase"],
                expected_version=serializer.validated_data["expected_version"],
                note=serializer.validated_data["note"],
            )
        return self.read_case(case)

    @extend_schema(
        summary="The phase history of a case",
        description="Oldest first. Notes only when case notes were released to you.",
        responses={200: PhaseHistorySerializer(many=True), **errors(404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def phases(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        categories = categories_for(request.user, case.person_id, case.pk)
        rows = list(
            CasePhaseChange.objects.visible_to(request.user)
            .filter(case=case)
            .select_related("changed_by")
            .order_by("changed_at", "id")
        )
        record_read(
            request.user,
            person_id=case.person_id,
            case_id=case.pk,
            categories=categories & {DataCategory.CASE_NOTES.value},
            object_type="cases.casephasechange",
            object_id=case.pk,
        )
        context = {"categories_of": lambda _row: categories}
        return Response(PhaseHistorySerializer(rows, many=True, context=context).data)

    @extend_schema(
        summary="Close a case",
        request=CaseCloseSerializer,
        responses={200: CaseDetailSerializer, **errors(400, 403, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: Any = None) -> Response:
        case = self.changeable_case()
        serializer = CaseCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        attainments = {
            row["goal"]: (row["attainment"], row["reason"]) for row in data["goal_attainments"]
        }
        # Closing settles every open goal of the plan (lotse.plans): each needs its attainment.
        with action_errors({"attainments": "goal_attainments"}):
            case = do_close_case_with_goals(
                request.user,
                case,
                reason=data["closing_reason"],
                attainments=attainments,
                closed_on=data.get("closed_on"),
                expected_version=data["expected_version"],
            )
        return self.read_case(case)

    @extend_schema(
        methods=["GET"],
        summary="Organisations taking part in a case",
        responses={200: ParticipantSerializer(many=True), **errors(404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Add an organisation to a case",
        description="What the organisation sees is still limited by the person's consents.",
        request=ParticipantAddSerializer,
        responses={201: ParticipantSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def participants(self, request: Request, pk: Any = None) -> Response:
        if request.method == "GET":
            case = self.get_object()
            # Who takes part in a case says something about the person: a read.
            record_read(
                request.user,
                person_id=case.person_id,
                case_id=case.pk,
                categories=(),
                object_type="cases.caseparticipant",
                object_id=case.pk,
            )
            rows = participant_rows(case)
            return Response(ParticipantSerializer(rows, many=True).data)
        case = self.changeable_case()
        serializer = ParticipantAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with action_errors():
            participant = do_add_participant(
                request.user,
                case,
                serializer.validated_data["organisation"],
                purpose=serializer.validated_data["purpose"],
            )
        return Response(ParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove an organisation from a case",
        description="Its access through this case ends at once.",
        parameters=[
            OpenApiParameter("organisation_id", OpenApiTypes.INT, OpenApiParameter.PATH),
        ],
        request=None,
        responses={204: OpenApiResponse(description="Removed."), **errors(403, 404)},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"participants/(?P<organisation_id>[0-9]+)",
        url_name="participant",
    )
    def remove_participant(
        self, request: Request, pk: Any = None, organisation_id: str = ""
    ) -> Response:
        case = self.changeable_case()
        participant = get_object_or_404(
            CaseParticipant.objects.select_related("case"),
            case=case,
            organisation_id=path_id(organisation_id),
        )
        with action_errors():
            do_remove_participant(request.user, participant)
        return Response(status=status.HTTP_204_NO_CONTENT)
