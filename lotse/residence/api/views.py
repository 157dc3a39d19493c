"""/api/v1/residence/...: the same rows, rules, visibility and audit as the residence tab."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.audit.log import record_read, record_reads
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory
from lotse.residence.actions import do_add_row, do_change_row, do_remove_row
from lotse.residence.api import serializers as s
from lotse.residence.models import (
    BenefitPeriod,
    Child,
    Conviction,
    EmploymentSpell,
    LanguageCertificate,
    StatusPeriod,
)

RESIDENCE = DataCategory.RESIDENCE.value
IDENTITY = DataCategory.IDENTITY.value


class PersonFilterSerializer(serializers.Serializer):
    person = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class ResidenceRowViewSet(
    LotseViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, add, change and remove one kind of residence row.

    Reads need the residence category of the person; changes the owner's case
    staff (403 for a reader who may not change, 404 for everyone else).
    """

    model: ClassVar[type[Model]]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        if self.for_schema:
            return self.model._default_manager.none()
        manager: Any = self.model._default_manager
        return manager.visible_to(self.request.user).order_by("person_id", "id")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        filters = PersonFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        if "person" in filters.validated_data:
            queryset = queryset.filter(person_id=filters.validated_data["person"])
        page = self.paginate_queryset(queryset) or []
        persons = dict.fromkeys(row.person_id for row in page)
        record_reads(
            request.user,
            [(pk, None, {RESIDENCE}) for pk in persons],
            object_type=self.model._meta.label_lower,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.get_object()
        record_read(
            request.user,
            person_id=row.person_id,
            categories={RESIDENCE},
            object_type=self.model._meta.label_lower,
            object_id=row.pk,
        )
        return Response(self.get_serializer(row).data)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("expected_version", None)
        with action_errors():
            serializer.instance = do_add_row(self.request.user, self.model(**data))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.get_object()
        self.require_change(row.person_id)
        serializer = self.get_serializer(row, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = data.pop("expected_version", None)
        with action_errors():
            row = do_change_row(request.user, row, expected_version=expected, **data)
        return Response(self.get_serializer(row).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.get_object()
        self.require_change(row.person_id)
        with action_errors():
            do_remove_row(request.user, row)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _documented(tag: str, noun: str, serializer: type[serializers.Serializer]) -> Any:
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {noun} visible to you",
            parameters=[PersonFilterSerializer],
            responses={200: serializer(many=True), **errors(400), **page_errors()},
            tags=[tag],
        ),
        retrieve=extend_schema(
            summary=f"One entry of {noun}", responses={200: serializer, **errors(404)}, tags=[tag]
        ),
        create=extend_schema(
            summary=f"Add to {noun}",
            description="Refused with 400 when dates are impossible or, for status periods, "
            "when the period overlaps another one of the person.",
            responses={201: serializer, **errors(400, 403, 415)},
            tags=[tag],
        ),
        partial_update=extend_schema(
            summary=f"Change an entry of {noun}",
            responses={200: serializer, **errors(400, 403, 404, 409, 415)},
            tags=[tag],
        ),
        destroy=extend_schema(
            summary=f"Remove an entry of {noun}",
            responses={204: OpenApiResponse(description="Removed."), **errors(403, 404)},
            tags=[tag],
        ),
    )


@_documented("residence", "status periods", s.StatusPeriodSerializer)
class StatusPeriodViewSet(ResidenceRowViewSet):
    model = StatusPeriod
    serializer_class = s.StatusPeriodSerializer


@_documented("residence", "language certificates", s.LanguageCertificateSerializer)
class LanguageCertificateViewSet(ResidenceRowViewSet):
    model = LanguageCertificate
    serializer_class = s.LanguageCertificateSerializer


@_documented("residence", "employment spells", s.EmploymentSpellSerializer)
class EmploymentSpellViewSet(ResidenceRowViewSet):
    model = EmploymentSpell
    serializer_class = s.EmploymentSpellSerializer


@_documented("residence", "benefit periods", s.BenefitPeriodSerializer)
class BenefitPeriodViewSet(ResidenceRowViewSet):
    model = BenefitPeriod
    serializer_class = s.BenefitPeriodSerializer


@_documented("residence", "convictions", s.ConvictionSerializer)
class ConvictionViewSet(ResidenceRowViewSet):
    model = Conviction
    serializer_class = s.ConvictionSerializer


@_documented("residence", "children", s.ChildSerializer)
class ChildViewSet(ResidenceRowViewSet):
    model = Child
    serializer_class = s.ChildSerializer
