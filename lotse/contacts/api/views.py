"""/api/v1/ for contacts, documents, dormant cases and bulk closures: the UI's visibility and audit."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.audit.log import record_read, record_reads
from lotse.cases.models import Case
from lotse.contacts.actions import (
    do_delete_document,
    do_record_contact,
    do_start_bulk_closure,
    do_upload_document,
)
from lotse.contacts.api.serializers import (
    BulkClosureSerializer,
    BulkClosureStartSerializer,
    ContactCreateSerializer,
    ContactFilterSerializer,
    ContactSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    DormantCaseSerializer,
    DormantFilterSerializer,
)
from lotse.contacts.dormant import default_weeks, dormant_cases, with_last_contact
from lotse.contacts.models import BulkClosure, Contact, Document
from lotse.contacts.uploads import max_bytes
from lotse.contacts.views.documents import document_response
from lotse.core.api.errors import action_errors
from lotse.core.api.parsers import TextFormParser, TextJSONParser, TextMultiPartParser
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory

NOTES = DataCategory.CASE_NOTES.value


def _case_filter(request: Request) -> int | None:
    filters = ContactFilterSerializer(data=request.query_params)
    filters.is_valid(raise_exception=True)
    return filters.validated_data.get("case")


@extend_schema(tags=["contacts"])
class ContactViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = ContactSerializer
    parser_classes = [TextJSONParser]

    def get_queryset(self) -> QuerySet[Contact]:
        if self.for_schema:
            return Contact.objects.none()
        return Contact.objects.visible_to(self.request.user).select_related("case", "recorded_by")

    @extend_schema(
        summary="Contacts you may read (case notes), newest first",
        parameters=[ContactFilterSerializer],
        responses={200: ContactSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        queryset = self.get_queryset()
        case_id = _case_filter(request)
        if case_id is not None:
            queryset = queryset.filter(case_id=case_id)
        page = self.paginate_queryset(queryset.order_by("-occurred_on", "-id")) or []
        shown = {(c.case.person_id, c.case_id) for c in page}
        record_reads(
            request.user,
            [(person, case, (NOTES,)) for person, case in sorted(shown)],
            object_type="contacts.contact",
        )
        return self.get_paginated_response(ContactSerializer(page, many=True).data)

    @extend_schema(summary="One contact", responses={200: ContactSerializer, **errors(404)})
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        contact = self.get_object()
        record_read(
            request.user,
            person_id=contact.case.person_id,
            case_id=contact.case_id,
            categories=[NOTES],
            object_type="contacts.contact",
            object_id=contact.pk,
        )
        return Response(ContactSerializer(contact).data)

    @extend_schema(
        summary="Record a contact",
        request=ContactCreateSerializer,
        responses={201: ContactSerializer, **errors(400, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = ContactCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        with action_errors():
            contact = do_record_contact(request.user, case, **data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["contacts"])
class DocumentViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = DocumentSerializer
    parser_classes = [TextMultiPartParser, TextFormParser]

    def get_queryset(self) -> QuerySet[Document]:
        if self.for_schema:
            return Document.objects.none()
        return Document.objects.visible_to(self.request.user).select_related("case", "uploaded_by")

    @extend_schema(
        summary="Documents you may open (by each document's data category)",
        parameters=[ContactFilterSerializer],
        responses={200: DocumentSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        queryset = self.get_queryset()
        case_id = _case_filter(request)
        if case_id is not None:
            queryset = queryset.filter(case_id=case_id)
        page = self.paginate_queryset(queryset.order_by("-uploaded_at", "-id")) or []
        shown: dict[tuple[int, int], set[str]] = {}
        for document in page:
            key = (document.case.person_id, document.case_id)
            shown.setdefault(key, set()).add(document.data_category)
        record_reads(
            request.user,
            [(person, case, cats) for (person, case), cats in sorted(shown.items())],
            object_type="contacts.document",
        )
        return self.get_paginated_response(DocumentSerializer(page, many=True).data)

    @extend_schema(
        summary="One document's description", responses={200: DocumentSerializer, **errors(404)}
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        document = self.get_object()
        record_read(
            request.user,
            person_id=document.case.person_id,
            case_id=document.case_id,
            categories=[document.data_category],
            object_type="contacts.document",
            object_id=document.pk,
        )
        return Response(DocumentSerializer(document).data)

    @extend_schema(
        summary="Upload a document (multipart/form-data)",
        description="PDF, PNG or JPEG up to the configured size; stored encrypted.",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer, **errors(400, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = DocumentUploadSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data["file"]
        with action_errors():
            document = do_upload_document(
                request.user,
                data["case"],
                data_category=data["data_category"],
                title=data["title"],
                name=upload.name or "",
                content=upload.read(max_bytes() + 1),
            )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The document's file",
        description="Decrypted on the fly; the read is recorded in the audit trail.",
        operation_id="v1_documents_content",
        responses={
            (200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY),
            (200, "image/png"): OpenApiResponse(response=OpenApiTypes.BINARY),
            (200, "image/jpeg"): OpenApiResponse(response=OpenApiTypes.BINARY),
            **{(code, "application/json"): answer for code, answer in errors(404).items()},
        },
    )
    @action(detail=True, methods=["get"])
    def content(self, request: Request, pk: Any = None) -> Any:
        return document_response(request.user, self.get_object())

    @extend_schema(
        summary="Delete a document",
        description="The file goes too; the audit trail keeps its title and checksum.",
        responses={204: OpenApiResponse(description="Deleted."), **errors(403, 404)},
    )
    def destroy(self, request: Request, pk: Any = None) -> Response:
        document = self.get_object()
        self.require_change(document.case.person_id, document.case_id)
        do_delete_document(request.user, document)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The file answers in its own type; only errors go through the JSON renderer.
        return super().perform_content_negotiation(request, force=force or self.action == "content")


@extend_schema(tags=["contacts"])
class DormantCaseViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = DormantCaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        if self.for_schema:
            return Case.objects.none()
        return dormant_cases(self.request.user, default_weeks())

    @extend_schema(
        summary="Open cases you may close without a contact for some weeks",
        parameters=[DormantFilterSerializer],
        responses={200: DormantCaseSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = DormantFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        weeks = filters.validated_data.get("weeks") or default_weeks()
        queryset = dormant_cases(request.user, weeks).select_related("person")
        page = with_last_contact(self.paginate_queryset(queryset) or [])
        record_reads(
            request.user,
            [(c.person_id, c.pk, (DataCategory.IDENTITY.value, NOTES)) for c in page],
            object_type="cases.case",
        )
        return self.get_paginated_response(DormantCaseSerializer(page, many=True).data)


@extend_schema(tags=["contacts"])
class BulkClosureViewSet(
    LotseViewSetMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Jobs closing cases in bulk; each is visible only to whoever started it."""

    serializer_class = BulkClosureSerializer
    # JSON only: a form body of hundreds of case ids would trip Django's field limit
    # before the serializer could answer with a documented 400.
    parser_classes = [TextJSONParser]

    def get_queryset(self) -> QuerySet[BulkClosure]:
        if self.for_schema:
            return BulkClosure.objects.none()
        return BulkClosure.objects.of_user(self.request.user)

    @extend_schema(
        summary="Your bulk closures, newest first",
        responses={200: BulkClosureSerializer(many=True), **page_errors()},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="One bulk closure: its state and progress",
        responses={200: BulkClosureSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Close cases in bulk with one reason, as a background job",
        description="Answers at once with the queued job; poll it for progress.",
        request=BulkClosureStartSerializer,
        responses={202: BulkClosureSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.case_organisation_ids:
            raise exceptions.PermissionDenied()
        serializer = BulkClosureStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with action_errors():
            job = do_start_bulk_closure(
                user, serializer.validated_data["cases"], reason=serializer.validated_data["reason"]
            )
        return Response(BulkClosureSerializer(job).data, status=status.HTTP_202_ACCEPTED)
