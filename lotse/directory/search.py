"""The directory's filters, one implementation for the page, the export, the API and the benchmark."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from lotse.directory.models import STALE_AFTER, Service, ServiceLocation


class Verified:
    """Which entries by their last verification: the list hides stale ones unless asked."""

    CURRENT = "current"
    ALL = "all"
    STALE = "stale"


@dataclass(frozen=True)
class ServiceFilters:
    q: str = ""
    kind: str = ""
    life_area: str = ""
    language: str = ""
    place: str = ""
    target_group: str = ""
    provider: int | None = None
    free_places: bool = False
    verified: str = Verified.CURRENT


def language_q(code: str) -> Q:
    """`languages` holds comma-separated codes: match one whole code, never a part of one."""
    return (
        Q(languages=code)
        | Q(languages__startswith=f"{code},")
        | Q(languages__endswith=f",{code}")
        | Q(languages__contains=f",{code},")
    )


def stale_limit(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - STALE_AFTER


def search_services(
    filters: ServiceFilters, today: datetime.date | None = None
) -> QuerySet[Service]:
    services = Service.objects.active()
    if filters.q:
        services = services.filter(
            Q(name__icontains=filters.q) | Q(description__icontains=filters.q)
        )
    if filters.kind:
        services = services.filter(kind=filters.kind)
    if filters.life_area:
        # A semi-join, so that a service is listed once however it matches.
        services = services.filter(
            id__in=Service.life_areas.through.objects.filter(
                lifearea__code=filters.life_area
            ).values("service_id")
        )
    if filters.language:
        services = services.filter(language_q(filters.language))
    if filters.place:
        # A whole place name (any case) or the start of a postcode: both indexed.
        place = filters.place
        where = Q(place__iexact=place)
        if place.isdigit():
            where = Q(postcode__startswith=place)
        services = services.filter(
            id__in=ServiceLocation.objects.filter(where).values("service_id")
        )
    if filters.target_group:
        services = services.filter(target_groups__icontains=filters.target_group)
    if filters.provider:
        services = services.filter(provider_id=filters.provider)
    if filters.free_places:
        services = services.filter(free_places__gt=0)
    limit = stale_limit(today)
    if filters.verified == Verified.CURRENT:
        services = services.filter(last_verified_on__gte=limit)
    elif filters.verified == Verified.STALE:
        services = services.filter(Q(last_verified_on__lt=limit) | Q(last_verified_on=None))
    return services


def for_display(services: QuerySet[Service]) -> QuerySet[Service]:
    """What a list row shows: provider, life areas and locations in three queries per page."""
    return services.select_related("provider").prefetch_related("life_areas", "locations")
