from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.actions import do_record_consent, do_withdraw_consent
from lotse.access.api.serializers import (
    ConsentRecordSerializer,
    ConsentSerializer,
    WithdrawalSerializer,
)
from lotse.access.models import Consent
from lotse.audit.log import record_read
from lotse.core.api.errors import action_errors
from lotse.core.api.parsers import TextFormParser, TextJSONParser, TextMultiPartParser
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory
from lotse.network.models import Organisation


class ConsentFilterSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("Only this person's consents.")
    )


@extend_schema(tags=["consents"])
class ConsentViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = ConsentSerializer
    parser_classes = [TextJSONParser, TextMultiPartParser, TextFormParser]

    def get_queryset(self) -> QuerySet[Consent]:
        if self.for_schema:
            return Consent.objects.none()
        return Consent.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("recipients", queryset=Organisation.objects.order_by("name"))
        )

    @extend_schema(
        summary="List consents of persons your organisation keeps",
        parameters=[ConsentFilterSerializer],
        responses={200: ConsentSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = ConsentFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        if "person" in filters.validated_data:
            queryset = queryset.filter(person_id=filters.validated_data["person"])
        page = self.paginate_queryset(queryset.order_by("-given_on", "-id")) or []
        return self.get_paginated_response(ConsentSerializer(page, many=True).data)

    @extend_schema(
        summary="One consent",
        description="The read is recorded in the audit trail.",
        responses={200: ConsentSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        consent = self.get_object()
        record_read(
            request.user,
            person_id=consent.person_id,
            case_id=consent.case_id,
            categories=[DataCategory.IDENTITY.value],
            object_type="access.consent",
            object_id=consent.pk,
        )
        return Response(ConsentSerializer(consent).data)

    @extend_schema(
        summary="Record a release from confidentiality",
        description="Send JSON, or multipart/form-data to attach the scanned signed form.",
        request=ConsentRecordSerializer,
        responses={201: ConsentSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = ConsentRecordSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person = data.pop("person")
        with action_errors():
            consent = do_record_consent(request.user, person, **data)
        return Response(
            ConsentSerializer(self.get_queryset().get(pk=consent.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Record the withdrawal of a consent",
        description="Access granted through the consent ends at once.",
        request=WithdrawalSerializer,
        responses={200: ConsentSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: Any = None) -> Response:
        consent = self.get_object()
        self.require_change(consent.person_id)
        serializer = WithdrawalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with action_errors():
            do_withdraw_consent(
                request.user,
                consent,
                withdrawn_on=serializer.validated_data["withdrawn_on"],
                note=serializer.validated_data["note"],
            )
        return Response(ConsentSerializer(self.get_queryset().get(pk=consent.pk)).data)
