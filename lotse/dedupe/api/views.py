"""/api/v1/duplicates/ and /api/v1/merges/: the review queue with the page's rules.

Lists are empty for users who may not review; a pair or merge outside the
reviewer's scope answers 404; a pair already decided or a merge that can no
longer be undone answers 409 with the reason.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.audit.log import record_reads
from lotse.core.api.errors import Conflict
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin, path_id
from lotse.core.categories import DataCategory
from lotse.dedupe.api.serializers import (
    MergeChoiceSerializer,
    MergeRecordSerializer,
    NoteSerializer,
    PairSerializer,
)
from lotse.dedupe.merge import MergeRefused, do_mark_distinct, do_merge, do_undo_merge
from lotse.dedupe.models import DuplicateCandidate, MergeRecord
from lotse.dedupe.queue import may_review, merges, open_pairs, pair_evidence


def _with_evidence(user: Any, candidates: list[DuplicateCandidate]) -> list[DuplicateCandidate]:
    for pair in pair_evidence(user, candidates):
        pair.candidate.sides = [pair.left, pair.right]  # type: ignore[attr-defined]
    return candidates


def _refused(error: MergeRefused) -> Conflict:
    return Conflict(detail=" ".join(str(m) for m in error.messages))


@extend_schema(tags=["duplicates"])
class DuplicateViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    """Pairs of records that may be the same person, for review."""

    serializer_class = PairSerializer
    # Ids are digits; anything else matches no route (404), never int() in a view.
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[DuplicateCandidate]:
        if self.for_schema or not may_review(self.request.user):
            return DuplicateCandidate.objects.none()
        return open_pairs(self.request.user)

    def _pair(self, pk: Any) -> DuplicateCandidate:
        pair = self.get_queryset().filter(pk=path_id(pk)).first()
        if pair is None:
            raise exceptions.NotFound()
        return pair

    @extend_schema(
        summary="Open pairs of records that may be the same person, most likely first",
        description="For data-protection officers (their organisation's persons) and the "
        "operator. Both persons' reads are recorded in the audit trail.",
        responses={200: PairSerializer(many=True), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        data = PairSerializer(_with_evidence(request.user, list(page)), many=True).data
        return self.get_paginated_response(data)

    @extend_schema(
        summary="One open pair with the evidence side by side",
        responses={200: PairSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        pair = self._pair(pk)
        return Response(PairSerializer(_with_evidence(request.user, [pair])[0]).data)

    @extend_schema(
        summary="Merge the pair into the record named as survivor",
        description="Cases, consents, identifiers, spellings and history move to the survivor; "
        "the other record stays as a tombstone pointing to it. Undo within 30 days.",
        request=MergeChoiceSerializer,
        responses={201: MergeRecordSerializer, **errors(400, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: Any = None) -> Response:
        pair = self._pair(pk)
        choice = MergeChoiceSerializer(data=request.data)
        choice.is_valid(raise_exception=True)
        survivor_id = choice.validated_data["survivor"]
        sides = {pair.person_a_id: pair.person_a, pair.person_b_id: pair.person_b}
        if survivor_id not in sides:
            raise exceptions.ValidationError({"survivor": [_("Choose one of the two records.")]})
        merged_id = next(p for p in sides if p != survivor_id)
        try:
            record = do_merge(request.user, sides[survivor_id], sides[merged_id], pair)
        except MergeRefused as error:
            raise _refused(error) from error
        return Response(MergeRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Mark the pair as not the same person; it is never proposed again",
        request=NoteSerializer,
        responses={200: PairSerializer, **errors(400, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def distinct(self, request: Request, pk: Any = None) -> Response:
        pair = self._pair(pk)
        note = NoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        try:
            pair = do_mark_distinct(request.user, pair, note=note.validated_data.get("note", ""))
        except MergeRefused as error:
            raise _refused(error) from error
        return Response(PairSerializer(pair).data)


@extend_schema(tags=["duplicates"])
class MergeViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    """Merges of duplicate records, undoable within 30 days."""

    serializer_class = MergeRecordSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[MergeRecord]:
        if self.for_schema or not may_review(self.request.user):
            return MergeRecord.objects.none()
        return merges(self.request.user)

    def _record(self, pk: Any) -> MergeRecord:
        record = self.get_queryset().filter(pk=path_id(pk)).first()
        if record is None:
            raise exceptions.NotFound()
        return record

    def _read(self, records: list[MergeRecord]) -> None:
        ids = {pk for r in records for pk in (r.survivor_id, r.merged_id)}
        record_reads(
            self.request.user, [(pk, None, {DataCategory.IDENTITY.value}) for pk in sorted(ids)]
        )

    @extend_schema(
        summary="Merges between persons you review, newest first",
        responses={200: MergeRecordSerializer(many=True), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        self._read(list(page))
        return self.get_paginated_response(MergeRecordSerializer(page, many=True).data)

    @extend_schema(summary="One merge", responses={200: MergeRecordSerializer, **errors(404)})
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        record = self._record(pk)
        self._read([record])
        return Response(MergeRecordSerializer(record).data)

    @extend_schema(
        summary="Undo a merge (within 30 days): exactly the moved rows go back",
        request=NoteSerializer,
        responses={200: MergeRecordSerializer, **errors(400, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def undo(self, request: Request, pk: Any = None) -> Response:
        record = self._record(pk)
        note = NoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        try:
            record = do_undo_merge(request.user, record, note=note.validated_data.get("note", ""))
        except MergeRefused as error:
            raise _refused(error) from error
        return Response(MergeRecordSerializer(record).data)
