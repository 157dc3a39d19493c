from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from lotse.core.api.serializers import MAX_ID
from lotse.directory.geo import distances, person_origin
from lotse.directory.maintainers import may_maintain
from lotse.directory.models import Service
from lotse.directory.search import stale_limit


def _person_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("person", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) <= MAX_ID else None


@login_required
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    service = get_object_or_404(
        Service.objects.select_related("provider").prefetch_related("life_areas", "locations"),
        pk=pk,
    )
    person_id = _person_id(request)
    origin = person_origin(user, person_id)
    locations = list(service.locations.all())
    by_id = distances(origin, locations)
    return render(
        request,
        "directory/detail.html",
        {
            "service": service,
            "stale": service.is_stale(),
            "stale_since": stale_limit(),
            "locations": [(loc, by_id.get(loc.pk)) for loc in locations],
            "person_id": person_id,
            "origin": origin,
            "may_maintain": may_maintain(user, service.provider_id),
            "today": timezone.localdate(),
        },
    )
