"""/api/v1/conferences/: the UI's visibility, audit and release check."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.visibility import Action
from lotse.audit.log import record_read, record_reads
from lotse.conferences.actions import do_record_decision, do_schedule_conference
from lotse.conferences.api.serializers import (
    ConferenceCreateSerializer,
    ConferenceSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
)
from lotse.conferences.models import AgendaItem, CaseConference
from lotse.core.api.errors import action_errors
from lotse.core.api.parsers import TextJSONParser
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin


@extend_schema(tags=["conferences"])
class ConferenceViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = ConferenceSerializer
    parser_classes = [TextJSONParser]

    def get_queryset(self) -> QuerySet[CaseConference]:
        if self.for_schema:
            return CaseConference.objects.none()
        return (
            CaseConference.objects.visible_to(self.request.user)
            .select_related("case")
            .prefetch_related("participants", "agenda", "decisions__task")
        )

    @extend_schema(
        summary="Case conferences your organisation takes part in, under a current release",
        responses={200: ConferenceSerializer(many=True), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset().order_by("-starts_at", "-id")) or []
        record_reads(
            request.user,
            [(c.case.person_id, c.case_id, (c.data_category,)) for c in page],
            object_type="conferences.caseconference",
        )
        return self.get_paginated_response(ConferenceSerializer(page, many=True).data)

    @extend_schema(
        summary="One case conference with agenda, minutes and decisions",
        responses={200: ConferenceSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        conference = self.get_object()
        record_read(
            request.user,
            person_id=conference.case.person_id,
            case_id=conference.case_id,
            categories=[conference.data_category],
            object_type="conferences.caseconference",
            object_id=conference.pk,
        )
        return Response(ConferenceSerializer(conference).data)

    @extend_schema(
        summary="Schedule a case conference and send the invitations",
        description="Refused (400, nothing stored or sent) when an invited organisation "
        "holds no current release of the person for the data discussed.",
        request=ConferenceCreateSerializer,
        responses={201: ConferenceSerializer, **errors(400, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = ConferenceCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        with action_errors():
            conference = do_schedule_conference(request.user, case, **data)
        conference = self.get_queryset().get(pk=conference.pk)
        return Response(ConferenceSerializer(conference).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a decision; it becomes a follow-up of the responsible organisation",
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def decisions(self, request: Request, pk: Any = None) -> Response:
        conference = self.get_object()
        changeable = CaseConference.objects.visible_to(request.user, Action.CHANGE)
        if not changeable.filter(pk=conference.pk).exists():
            self.require_change(conference.case.person_id, conference.case_id)
        serializer = DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        item_id = data.pop("agenda_item", None)
        item = AgendaItem.objects.filter(conference=conference, pk=item_id).first()
        if item_id is not None and item is None:
            raise serializers.ValidationError(
                {"agenda_item": [_("The agenda item belongs to another conference.")]}
            )
        data["agenda_item"] = item
        with action_errors():
            decision = do_record_decision(request.user, conference, **data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
