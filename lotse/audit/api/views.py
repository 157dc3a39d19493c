from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.visibility import Action
from lotse.accounts.choices import Role
from lotse.audit.api.serializers import AuditEntrySerializer, AuditFilterSerializer, changed_fields
from lotse.audit.export import Echo, csv_cell
from lotse.audit.log import record
from lotse.audit.models import AuditAction, AuditEntry
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import ordered
from lotse.people.models import Person

CSV_COLUMNS = [
    "id",
    "at",
    "actor",
    "actor_name",
    "organisation",
    "action",
    "object_type",
    "object_id",
    "person",
    "case",
    "categories",
    "changed_fields",
    "hash",
]


def _rows(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    for e in entries.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                csv_cell(v)
                for v in (
                    e.pk,
                    e.at.isoformat(),
                    e.actor_id or "",
                    e.actor_name,
                    e.organisation_id or "",
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.person_id or "",
                    e.case_id or "",
                    " ".join(ordered(e.categories or ())),
                    " ".join(changed_fields(e)),
                    e.hash,
                )
            ]
        )


def is_dpo(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(Role.DPO))


@extend_schema(tags=["audit"])
class AuditEntryViewSet(LotseViewSetMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail about the persons of the DPO's organisations. Read-only."""

    serializer_class = AuditEntrySerializer

    def get_queryset(self) -> QuerySet[AuditEntry]:
        user = self.request.user
        if self.for_schema or not is_dpo(user):
            return AuditEntry.objects.none()
        persons = Person.objects.visible_to(user, Action.AUDIT)
        return AuditEntry.objects.filter(person_id__in=persons.values("pk")).order_by("-id")

    def filtered(self, request: Request) -> QuerySet[AuditEntry]:
        if not is_dpo(request.user):
            raise exceptions.PermissionDenied(
                _("Only data protection officers read the audit trail.")
            )
        filters = AuditFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        return self.get_queryset().filter(**filters.lookups())

    @extend_schema(
        summary="Audit entries (data protection officers)",
        parameters=[AuditFilterSerializer],
        responses={200: AuditEntrySerializer(many=True), **errors(400, 403), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filtered(request)) or []
        return self.get_paginated_response(AuditEntrySerializer(page, many=True).data)

    @extend_schema(
        summary="One audit entry (data protection officers)",
        responses={200: AuditEntrySerializer, **errors(404)},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Audit entries as CSV (data protection officers)",
        description="Same filters as the list; streamed, newest first.",
        parameters=[AuditFilterSerializer],
        operation_id="v1_audit_export_csv",
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="CSV, one row per entry."
            ),
            **{(code, "application/json"): answer for code, answer in errors(400, 403).items()},
        },
    )
    def export(self, request: Request) -> StreamingHttpResponse:
        entries = self.filtered(request)
        # An export is a read of everything in it: the trail records who took it and how.
        record(
            request.user,
            AuditAction.EXPORT,
            object_type="audit.auditentry",
            changes={"filters": [None, dict(request.query_params.items())]},
        )
        response = StreamingHttpResponse(_rows(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit.csv"'
        return response

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The export answers CSV whatever the client accepts; only its errors go
        # through a renderer, and those are JSON even for `Accept: text/csv`.
        return super().perform_content_negotiation(request, force=force or self.action == "export")
