"""The directory list: filters, locations with distances, and the export of exactly what matches."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lotse.directory.forms import ServiceFilterForm
from lotse.directory.geo import distances, person_origin
from lotse.directory.maintainers import maintainable_providers
from lotse.directory.models import Service
from lotse.directory.search import ServiceFilters, for_display, search_services
from lotse.directory.transfer import XLSX, export_csv, export_xlsx

PAGE_SIZE = 25


def _export(services: Any, fmt: str) -> HttpResponse:
    rows = for_display(services).order_by("name", "id")
    stamp = f"{timezone.localtime():%Y%m%d-%H%M}"
    if fmt == "xlsx":
        response = HttpResponse(export_xlsx(rows.iterator(chunk_size=2000)), content_type=XLSX)
    else:
        response = HttpResponse(export_csv(rows.iterator(chunk_size=2000)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="angebote-{stamp}.{fmt}"'
    return response


@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ServiceFilterForm(request.GET or None)
    services: QuerySet[Service] = Service.objects.none()
    person_id = None
    if not form.is_bound:
        services = search_services(ServiceFilters())
    elif form.is_valid():
        services = search_services(form.to_filters())
        person_id = form.cleaned_data.get("person")
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx") and (not form.is_bound or form.is_valid()):
        return _export(services, fmt)
    page = Paginator(for_display(services), PAGE_SIZE).get_page(request.GET.get("page"))
    origin = person_origin(user, person_id)
    locations = [loc for service in page for loc in service.locations.all()]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    today = timezone.localdate()
    by_location = distances(origin, locations)
    rows = [
        {
            "service": service,
            "stale": service.is_stale(today),
            "locations": [(loc, by_location.get(loc.pk)) for loc in service.locations.all()],
        }
        for service in page
    ]
    return render(
        request,
        "directory/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "person_id": person_id,
            "origin": origin,
            "may_add": maintainable_providers(user).exists(),
        },
    )
