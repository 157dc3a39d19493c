from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets

from lotse.core.api.filters import search_query
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.network.api.serializers import OrganisationSerializer
from lotse.network.models import Organisation


class IsAdministratorOrReadOnly(permissions.BasePermission):
    """Organisations are reference data: everyone reads, administrators maintain."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(getattr(request.user, "is_administrator", False))


@extend_schema(tags=["organisations"])
@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Part of the name."),
        ],
        responses={200: OrganisationSerializer(many=True), **errors(400), **page_errors()},
    ),
    retrieve=extend_schema(
        summary="One organisation", responses={200: OrganisationSerializer, **errors(404)}
    ),
    create=extend_schema(
        summary="Create an organisation (administrators)",
        responses={201: OrganisationSerializer, **errors(400, 403, 415)},
    ),
    update=extend_schema(
        summary="Replace an organisation (administrators)",
        responses={200: OrganisationSerializer, **errors(400, 403, 404, 415)},
    ),
    partial_update=extend_schema(
        summary="Change an organisation (administrators)",
        responses={200: OrganisationSerializer, **errors(400, 403, 404, 415)},
    ),
)
class OrganisationViewSet(
    LotseViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OrganisationSerializer
    extra_permission_classes = (IsAdministratorOrReadOnly,)

    def get_queryset(self) -> QuerySet[Organisation]:
        queryset = Organisation.objects.order_by("name")
        if self.action == "list":
            query = search_query(self.request)
            if query:
                queryset = queryset.filter(name__icontains=query)
        return queryset
