"""Per-person residence endpoints: the facts, the pathway result, stored evaluations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lotse.access.visibility import categories_for
from lotse.audit.log import record_read, record_reads
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin, path_id
from lotse.core.categories import DataCategory
from lotse.people.models import Person
from lotse.residence.actions import do_save_facts, do_store_evaluation
from lotse.residence.api import serializers as s
from lotse.residence.api.views import PersonFilterSerializer
from lotse.residence.facts import facts_document
from lotse.residence.models import Evaluation, ResidenceFacts

RESIDENCE = DataCategory.RESIDENCE.value
IDENTITY = DataCategory.IDENTITY.value


def residence_person(user: Any, pk: Any) -> Person:
    """The person, if the user holds their residence category; 404 otherwise."""
    return get_object_or_404(
        Person.objects.visible_to(user, category=RESIDENCE), pk=path_id(str(pk))
    )


@extend_schema(tags=["residence"])
class ResidenceFactsViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    """The one set of residence facts of a person, addressed by the person's id."""

    serializer_class = s.ResidenceFactsSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[ResidenceFacts]:
        return ResidenceFacts.objects.none()

    def _answer(self, person: Person) -> Response:
        facts = ResidenceFacts.objects.filter(person_id=person.pk).first()
        record_read(
            self.request.user,
            person_id=person.pk,
            categories={RESIDENCE},
            object_type="residence.residencefacts",
            object_id=person.pk,
        )
        if facts is None:
            # Nothing recorded yet: every fact unknown, no version.
            facts = ResidenceFacts(person=person)
            data = dict(s.ResidenceFactsSerializer(facts).data)
            data["version"] = None
            return Response(data)
        return Response(s.ResidenceFactsSerializer(facts).data)

    @extend_schema(
        summary="A person's residence facts",
        description="Facts not recorded are null (unknown), never false.",
        responses={200: s.ResidenceFactsSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self._answer(residence_person(request.user, pk))

    @extend_schema(
        summary="Record or change a person's residence facts",
        request=s.ResidenceFactsSerializer,
        responses={200: s.ResidenceFactsSerializer, **errors(400, 403, 404, 409, 415)},
    )
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        person = residence_person(request.user, pk)
        self.require_change(person.pk)
        serializer = s.ResidenceFactsSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = data.pop("expected_version", None)
        with action_errors():
            do_save_facts(request.user, person, expected_version=expected, **data)
        return self._answer(person)


class PathwaysView(LotseViewSetMixin, APIView):
    @extend_schema(
        tags=["residence"],
        operation_id="people_pathways_retrieve",
        summary="The residence-law pathways of a stored person",
        description="The result document of the pathways contract, evaluated on the person's "
        "stored status history and facts. Indicators with sources, not decisions. "
        "The read is recorded in the audit trail.",
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH),
            s.AsOfSerializer,
        ],
        responses={200: s.ResultDocumentSerializer, **errors(400, 404)},
    )
    def get(self, request: Request, id: int) -> Response:
        from lotse.pathways import FactsError, evaluate

        person = residence_person(request.user, id)
        query = s.AsOfSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        categories = categories_for(request.user, person.pk)
        document = facts_document(person, as_of, include_birth_date=IDENTITY in categories)
        record_read(
            request.user,
            person_id=person.pk,
            categories={RESIDENCE},
            object_type="residence.pathways",
            object_id=person.pk,
        )
        try:
            return Response(evaluate(document, as_of=as_of))
        except FactsError as error:  # stored data the contract refuses: say what
            return Response({"non_field_errors": [str(error)]}, status=400)


@extend_schema(tags=["residence"])
class EvaluationViewSet(LotseViewSetMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.EvaluationSerializer

    def get_queryset(self) -> QuerySet[Evaluation]:
        if self.for_schema:
            return Evaluation.objects.none()
        return (
            Evaluation.objects.visible_to(self.request.user)
            .select_related("created_by")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        summary="Stored pathway evaluations visible to you",
        parameters=[PersonFilterSerializer],
        responses={200: s.EvaluationSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = PersonFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        if "person" in filters.validated_data:
            queryset = queryset.filter(person_id=filters.validated_data["person"])
        page = self.paginate_queryset(queryset) or []
        record_reads(
            request.user,
            [(pk, None, {RESIDENCE}) for pk in dict.fromkeys(e.person_id for e in page)],
            object_type="residence.evaluation",
        )
        return self.get_paginated_response(s.EvaluationSerializer(page, many=True).data)

    @extend_schema(
        summary="One stored evaluation", responses={200: s.EvaluationSerializer, **errors(404)}
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evaluation = self.get_object()
        record_read(
            request.user,
            person_id=evaluation.person_id,
            categories={RESIDENCE},
            object_type="residence.evaluation",
            object_id=evaluation.pk,
        )
        return Response(s.EvaluationSerializer(evaluation).data)

    @extend_schema(
        summary="Evaluate a person's pathways now and keep the result",
        request=s.EvaluationCreateSerializer,
        responses={201: s.EvaluationSerializer, **errors(400, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = s.EvaluationCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with action_errors():
            evaluation = do_store_evaluation(request.user, data["person"], as_of=data.get("as_of"))
        return Response(s.EvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)
