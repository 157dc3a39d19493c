"""/api/v1/residence/deadlines/ and /api/v1/residence/target-groups/: the same lists,
visibility and audit as the deadline and target-group pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.audit.log import record_reads
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory
from lotse.residence.group_cache import lookup
from lotse.residence.groups import GROUPS, GroupRow
from lotse.residence.queries import PersonDeadline, upcoming_deadlines

RESIDENCE = DataCategory.RESIDENCE.value
IDENTITY = DataCategory.IDENTITY.value


class DeadlineQuerySerializer(serializers.Serializer):
    lead_days = serializers.IntegerField(
        required=False, min_value=1, max_value=730, help_text="Days ahead; default the setting."
    )
    mine = serializers.BooleanField(required=False, default=False)


class DeadlineSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    name = serializers.CharField(
        allow_null=True, help_text="Only with the person's identity category."
    )
    due = serializers.DateField()
    kind = serializers.CharField()
    description = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.source
    status_period = serializers.IntegerField(allow_null=True)


class TargetGroupQuerySerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=list(GROUPS))
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    manager = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class ComputingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["queued", "running"])
    done = serializers.IntegerField(help_text="Persons evaluated so far.")
    total = serializers.IntegerField(help_text="Persons to evaluate.")


class TargetGroupRowSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    name = serializers.CharField(
        allow_null=True, help_text="Only with the person's identity category."
    )
    status = serializers.CharField(help_text="Kind of the current status period.")
    paragraph = serializers.CharField(allow_blank=True)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    outcome = serializers.CharField(allow_blank=True, help_text="The § 25b outcome, if evaluated.")
    due = serializers.DateField(allow_null=True)


def _deadline(item: PersonDeadline) -> dict[str, Any]:
    d = item.deadline
    return {
        "person": d.person_id,
        "name": item.person.display_name if item.person else None,
        "due": d.due,
        "kind": d.kind,
        "description": str(d.description),
        "source": d.source,
        "status_period": d.period_id,
    }


def _group_row(row: GroupRow) -> dict[str, Any]:
    return {
        "person": row.person_id,
        "name": row.person.display_name if row.person else None,
        "status": row.current.kind,
        "paragraph": row.current.paragraph,
        "valid_from": row.current.valid_from,
        "valid_until": row.current.valid_until,
        "outcome": row.outcome,
        "due": row.due,
    }


class DeadlineListView(LotseViewSetMixin, generics.GenericAPIView):
    serializer_class = DeadlineSerializer

    @extend_schema(
        tags=["residence"],
        operation_id="residence_deadlines_list",
        summary="Residence deadlines of the persons visible to you",
        description="Expiry of permits and Duldungen, the end of § 104c permits, the § 25a "
        "age limit, due within the lead time. Only persons whose residence category you "
        "hold; names only with the identity category. Reads are audited.",
        parameters=[DeadlineQuerySerializer],
        responses={200: DeadlineSerializer(many=True), **errors(400), **page_errors()},
    )
    def get(self, request: Request) -> Response:
        query = DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        lead_days = query.validated_data.get("lead_days") or settings.RESIDENCE_DEADLINE_LEAD_DAYS
        items = upcoming_deadlines(
            request.user,
            today=timezone.localdate(),
            lead_days=lead_days,
            mine=query.validated_data["mine"],
        )
        # DRF's paginator pages any sequence; its stubs ask for a queryset.
        page: list[PersonDeadline] = self.paginate_queryset(items) or []  # type: ignore[arg-type]
        shown = {
            i.deadline.person_id: {RESIDENCE, IDENTITY} if i.person else {RESIDENCE} for i in page
        }
        record_reads(request.user, [(pk, None, cats) for pk, cats in shown.items()])
        return self.get_paginated_response([_deadline(i) for i in page])


class TargetGroupView(LotseViewSetMixin, generics.GenericAPIView):
    serializer_class = TargetGroupRowSerializer

    @extend_schema(
        tags=["residence"],
        operation_id="residence_target_groups_list",
        summary="A target group across the persons visible to you",
        description="Indicators, not decisions. A list too large for one request is computed "
        "in the background (202 with progress) and kept until residence data changes. Only persons whose residence category you "
        "hold; names only with the identity category. Reads are audited.",
        parameters=[TargetGroupQuerySerializer],
        responses={
            200: TargetGroupRowSerializer(many=True),
            202: OpenApiResponse(
                ComputingSerializer,
                description="Too large for one request: being computed in the background; "
                "ask again for the list.",
            ),
            **errors(400),
            **page_errors(),
        },
    )
    def get(self, request: Request) -> Response:
        query = TargetGroupQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        found = lookup(
            request.user,
            data["group"],
            today=timezone.localdate(),
            organisation_id=data.get("organisation"),
            manager_id=data.get("manager"),
        )
        if found.rows is None:
            progress = found.result
            return Response(
                {"status": progress.status, "done": progress.done, "total": progress.total},
                status=202,
            )
        rows = found.rows
        page: list[GroupRow] = self.paginate_queryset(rows) or []  # type: ignore[arg-type]
        record_reads(
            request.user,
            [(r.person_id, None, {RESIDENCE, IDENTITY} if r.person else {RESIDENCE}) for r in page],
        )
        return self.get_paginated_response([_group_row(r) for r in page])
