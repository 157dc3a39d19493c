"""/api/v1/services/: the directory with the pages' filters, maintained by the providers' staff."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.core.api.errors import action_errors
from lotse.core.api.parsers import TextJSONParser
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin, path_id
from lotse.directory.actions import (
    LOCATION_FIELDS,
    ServiceData,
    do_create_service,
    do_update_service,
    do_verify_service,
)
from lotse.directory.api.serializers import (
    PersonSerializer,
    ServiceFilterSerializer,
    ServiceSerializer,
    VerifySerializer,
)
from lotse.directory.geo import distances, person_origin
from lotse.directory.maintainers import may_maintain
from lotse.directory.models import Service
from lotse.directory.search import for_display, search_services


def _data(validated: dict[str, Any], instance: Service | None) -> ServiceData:
    fields = {k: v for k, v in validated.items() if k not in ("life_areas", "locations")}
    if "life_areas" in validated:
        areas = list(validated["life_areas"])
    else:
        areas = list(instance.life_areas.all()) if instance else []
    if "locations" in validated:
        rows = [
            {
                name: row.get(name, None if name in ("latitude", "longitude") else "")
                for name in LOCATION_FIELDS
            }
            for row in validated["locations"]
        ]
    elif instance is not None:
        rows = [
            {name: getattr(loc, name) for name in LOCATION_FIELDS}
            for loc in instance.locations.all()
        ]
    else:
        rows = []
    return ServiceData(fields=fields, life_areas=areas, locations=rows)


@extend_schema(tags=["directory"])
class ServiceViewSet(
    LotseViewSetMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ServiceSerializer
    parser_classes = [TextJSONParser]
    lookup_value_regex = "[0-9]+"

    def get_object(self) -> Service:
        return get_object_or_404(self.get_queryset(), pk=path_id(self.kwargs["pk"]))

    def get_queryset(self) -> QuerySet[Service]:
        return for_display(Service.objects.all()).order_by("name", "id")

    def _context(self, locations: list[Any], person_id: int | None) -> dict[str, Any]:
        origin = person_origin(self.request.user, person_id)
        return {**self.get_serializer_context(), "distances": distances(origin, locations)}

    @extend_schema(
        summary="Services, filtered like the directory page (stale entries hidden by default)",
        parameters=[ServiceFilterSerializer],
        responses={200: ServiceSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = ServiceFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        services = for_display(search_services(filters.to_filters())).order_by("name", "id")
        page = self.paginate_queryset(services) or []
        locations = [loc for service in page for loc in service.locations.all()]
        context = self._context(locations, filters.validated_data.get("person"))
        return self.get_paginated_response(ServiceSerializer(page, many=True, context=context).data)

    @extend_schema(
        summary="One service",
        parameters=[PersonSerializer],
        responses={200: ServiceSerializer, **errors(400, 404)},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        service = self.get_object()
        person = PersonSerializer(data=request.query_params)
        person.is_valid(raise_exception=True)
        context = self._context(list(service.locations.all()), person.validated_data.get("person"))
        return Response(ServiceSerializer(service, context=context).data)

    @extend_schema(
        summary="Add a service (the provider's staff, administrators)",
        request=ServiceSerializer,
        responses={201: ServiceSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = ServiceSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with action_errors():
            service = do_create_service(request.user, _data(serializer.validated_data, None))
        return Response(self._out(service), status=status.HTTP_201_CREATED)

    def _change(self, request: Request, partial: bool) -> Response:
        service = self.get_object()
        if not may_maintain(request.user, service.provider_id):
            raise exceptions.PermissionDenied()
        serializer = ServiceSerializer(
            service, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        with action_errors():
            service = do_update_service(
                request.user, service, _data(serializer.validated_data, service)
            )
        return Response(self._out(service))

    def _out(self, service: Service) -> Any:
        fresh = self.get_queryset().get(pk=service.pk)
        return ServiceSerializer(fresh, context=self.get_serializer_context()).data

    @extend_schema(
        summary="Replace a service (the provider's staff, administrators)",
        request=ServiceSerializer,
        responses={200: ServiceSerializer, **errors(400, 403, 404, 415)},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._change(request, partial=False)

    @extend_schema(
        summary="Change a service (the provider's staff, administrators)",
        request=ServiceSerializer,
        responses={200: ServiceSerializer, **errors(400, 403, 404, 415)},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._change(request, partial=True)

    @extend_schema(
        summary="Confirm a service as still correct today",
        request=VerifySerializer,
        responses={200: ServiceSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        service = self.get_object()
        if not may_maintain(request.user, service.provider_id):
            raise exceptions.PermissionDenied()
        body = VerifySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        do_verify_service(request.user, service, note=body.validated_data.get("note", ""))
        return Response(self._out(service))
