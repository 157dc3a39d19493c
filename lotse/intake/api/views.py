from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.audit.log import record_read, record_reads
from lotse.cases.models import LifeArea
from lotse.core.api.errors import as_api_error
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory
from lotse.intake.actions import CONSENT_PREFIX, do_assess_life_area, do_record_intake
from lotse.intake.api.serializers import (
    AssessmentCreateSerializer,
    AssessmentFilterSerializer,
    AssessmentSerializer,
    IntakeCreateSerializer,
    IntakeFilterSerializer,
    IntakeSerializer,
)
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.intake.models.assessment import AssessmentQuerySet
from lotse.network.models import Organisation

NOTES = DataCategory.CASE_NOTES.value


@contextmanager
def intake_errors() -> Iterator[None]:
    """Like action_errors, with a refused release's messages nested under `consent`."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict") or not any(
            key.startswith(CONSENT_PREFIX) for key in exc.error_dict
        ):
            raise as_api_error(exc) from exc
        detail: dict[str, Any] = {}
        for key, messages in exc.message_dict.items():
            if key.startswith(CONSENT_PREFIX):
                detail.setdefault("consent", {})[key.removeprefix(CONSENT_PREFIX)] = messages
            else:
                detail[key] = messages
        raise exceptions.ValidationError(detail) from exc


@extend_schema(tags=["intake"])
class IntakeViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = IntakeSerializer

    def get_queryset(self) -> QuerySet[IntakeRecord]:
        if self.for_schema:
            return IntakeRecord.objects.none()
        return IntakeRecord.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("life_areas", queryset=LifeArea.objects.order_by("position", "code")),
            Prefetch("providers", queryset=Organisation.objects.order_by("name")),
        )

    @extend_schema(
        summary="List intakes your organisation recorded",
        parameters=[IntakeFilterSerializer],
        responses={200: IntakeSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = IntakeFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        for name in ("person", "case"):
            if name in filters.validated_data:
                queryset = queryset.filter(**{f"{name}_id": filters.validated_data[name]})
        page = self.paginate_queryset(queryset.order_by("-held_on", "-id")) or []
        record_reads(
            request.user,
            [(i.person_id, i.case_id, {NOTES}) for i in page],
            object_type="intake.intakerecord",
        )
        return self.get_paginated_response(IntakeSerializer(page, many=True).data)

    @extend_schema(
        summary="One intake",
        description="The read is recorded in the audit trail.",
        responses={200: IntakeSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        intake = self.get_object()
        record_read(
            request.user,
            person_id=intake.person_id,
            case_id=intake.case_id,
            categories=[NOTES],
            object_type="intake.intakerecord",
            object_id=intake.pk,
        )
        return Response(IntakeSerializer(intake).data)

    @extend_schema(
        summary="Record an intake",
        description=(
            "With the decision `case_management` the case is opened in the same "
            "transaction; a release given in `consent` covers that case. A refused "
            "release refuses the whole intake (its messages under `consent`)."
        ),
        request=IntakeCreateSerializer,
        responses={201: IntakeSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.case_organisation_ids:
            raise exceptions.PermissionDenied(_("Only case staff record intakes."))
        serializer = IntakeCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person = data.pop("person")
        consent = data.pop("consent", None)
        with intake_errors():
            intake = do_record_intake(
                user, person, consent=dict(consent) if consent else None, **data
            )
        return Response(
            IntakeSerializer(self.get_queryset().get(pk=intake.pk)).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["intake"])
class AssessmentViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = AssessmentSerializer

    def get_queryset(self) -> AssessmentQuerySet:
        if self.for_schema:
            return AssessmentEntry.objects.none()
        return AssessmentEntry.objects.visible_to(self.request.user).select_related(
            "life_area", "case"
        )

    def _audit(self, entries: list[AssessmentEntry]) -> None:
        # One read per case, naming the categories of the life areas shown.
        per_case: dict[tuple[int, int], set[str]] = {}
        for entry in entries:
            key = (entry.case.person_id, entry.case_id)
            per_case.setdefault(key, set()).add(entry.life_area.category)
        record_reads(
            self.request.user,
            [(person, case, cats) for (person, case), cats in per_case.items()],
            object_type="intake.assessmententry",
        )

    @extend_schema(
        summary="List assessments of life areas",
        description="Only entries whose life area's data category was released to you.",
        parameters=[AssessmentFilterSerializer],
        responses={200: AssessmentSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = AssessmentFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        if "case" in filters.validated_data:
            queryset = queryset.filter(case_id=filters.validated_data["case"])
        if filters.validated_data.get("current"):
            queryset = queryset.current()
        ordered = queryset.order_by("case_id", "life_area__position", "-assessed_on", "-id")
        page = self.paginate_queryset(ordered) or []
        self._audit(list(page))
        return self.get_paginated_response(AssessmentSerializer(page, many=True).data)

    @extend_schema(
        summary="One assessment of a life area",
        responses={200: AssessmentSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        entry = self.get_object()
        self._audit([entry])
        return Response(AssessmentSerializer(entry).data)

    @extend_schema(
        summary="Assess (or re-assess) a life area of a case",
        description="A re-assessment keeps the earlier entry as history.",
        request=AssessmentCreateSerializer,
        responses={201: AssessmentSerializer, **errors(400, 403, 409, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = AssessmentCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        life_area = data.pop("life_area")
        with intake_errors():
            entry = do_assess_life_area(request.user, case, life_area, **data)
        return Response(
            AssessmentSerializer(self.get_queryset().get(pk=entry.pk)).data,
            status=status.HTTP_201_CREATED,
        )
