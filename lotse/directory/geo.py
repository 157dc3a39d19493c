"""Distances from a person's address to service locations, as the crow flies.

A person's address has no coordinates, only a postcode: its origin is the
centroid of that postcode area (PostcodeArea). A location's point is its own
coordinates, else its postcode's centroid. Great-circle distance between the
two, rounded to half kilometres: an estimate of "how far", not a route or a
travel time, and never finer than a postcode area allows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from lotse.access.visibility import Action
from lotse.audit.log import record_read
from lotse.core.categories import DataCategory
from lotse.directory.models import PostcodeArea, ServiceLocation

EARTH_RADIUS_KM = 6371.0088
Point = tuple[float, float]


def great_circle_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def rounded_km(km: float) -> float:
    return round(km * 2) / 2


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from: a person's current postcode area."""

    person_id: int
    postcode: str
    point: Point


def _point(lat: Decimal | float | None, lon: Decimal | float | None) -> Point | None:
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


def centroids(postcodes: Iterable[str]) -> dict[str, Point]:
    wanted = {code for code in postcodes if code}
    if not wanted:
        return {}
    rows = PostcodeArea.objects.filter(postcode__in=wanted)
    return {
        code: (float(lat), float(lon))
        for code, lat, lon in rows.values_list("postcode", "latitude", "longitude")
    }


def person_origin(user: Any, person_id: int | None) -> Origin | None:
    """The person's current postcode area, if the user may read their contact data
    and the postcode can be placed; None otherwise (the same for forbidden and
    missing, so that the answer reveals nothing). Reading it is audited."""
    if not person_id:
        return None
    from lotse.people.models import Address

    today = timezone.localdate()
    address = (
        Address.objects.visible_to(user, Action.VIEW, category=DataCategory.CONTACT)
        .filter(person_id=person_id, valid_from__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .exclude(postcode="")
        .order_by("-valid_from", "-id")
        .values_list("postcode", flat=True)
        .first()
    )
    if not address:
        return None
    point = centroids([address]).get(address)
    if point is None:
        return None
    record_read(
        user,
        person_id=person_id,
        categories=[DataCategory.CONTACT],
        object_type="directory.distance",
        object_id=person_id,
    )
    return Origin(person_id=person_id, postcode=address, point=point)


def distances(origin: Origin | None, locations: Iterable[ServiceLocation]) -> dict[int, float]:
    """Kilometres per location id, for the locations that can be placed."""
    if origin is None:
        return {}
    locations = list(locations)
    missing = [loc.postcode for loc in locations if _point(loc.latitude, loc.longitude) is None]
    areas = centroids(missing)
    out: dict[int, float] = {}
    for loc in locations:
        point = _point(loc.latitude, loc.longitude) or areas.get(loc.postcode)
        if point is not None:
            out[loc.pk] = rounded_km(great_circle_km(origin.point, point))
    return out
