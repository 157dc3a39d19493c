"""Changing the directory: one transaction each, with its audit row."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.log import record_change, snapshot
from lotse.cases.models import LifeArea
from lotse.directory.maintainers import may_maintain
from lotse.directory.models import Service, ServiceLocation

SERVICE_FIELDS = (
    "provider",
    "name",
    "kind",
    "description",
    "target_groups",
    "eligibility",
    "languages",
    "contact_name",
    "email",
    "phone",
    "website",
    "capacity",
    "free_places",
    "waiting_weeks",
    "last_verified_on",
    "active",
)
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
LOCATION_FIELDS = (
    "street",
    "postcode",
    "place",
    "latitude",
    "longitude",
    "accessibility",
    "opening_hours",
)


@dataclass
class ServiceData:
    """Everything an entry holds, as forms, the API and the import deliver it."""

    fields: dict[str, Any]
    life_areas: Sequence[LifeArea] = ()
    locations: Sequence[Mapping[str, Any]] = field(default_factory=list)


def normalise_languages(value: str | Iterable[str]) -> str:
    codes = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [code.strip().lower() for code in codes if code and code.strip()]
    return ",".join(dict.fromkeys(cleaned))


def _location_rows(service: Service) -> list[dict[str, Any]]:
    return [
        {name: str(getattr(loc, name) or "") for name in LOCATION_FIELDS}
        for loc in service.locations.all()
    ]


def validate_service(service: Service, data: ServiceData) -> list[ServiceLocation]:
    """Apply and check `data` on an unsaved copy; raises ValidationError with field errors."""
    for name, value in data.fields.items():
        setattr(service, name, value)
    service.languages = normalise_languages(service.languages)
    errors: dict[str, list[str]] = {}
    try:
        # Nothing on a service is unique; the import checks a copy that carries an id.
        service.full_clean(exclude=["life_areas"], validate_unique=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    wrong = [code for code in service.language_list if not LANGUAGE_CODE.match(code)]
    if wrong:
        errors.setdefault("languages", []).append(
            _("Not a language code (ISO 639, such as de, ar or uk): %(codes)s")
            % {"codes": ", ".join(wrong)}
        )
    if (
        service.capacity is not None
        and service.free_places is not None
        and service.free_places > service.capacity
    ):
        errors.setdefault("free_places", []).append(
            _("More free places than places in all (%(capacity)s).")
            % {"capacity": service.capacity}
        )
    if service.last_verified_on and service.last_verified_on > timezone.localdate():
        errors.setdefault("last_verified_on", []).append(
            _("The date of the last check cannot lie in the future.")
        )
    locations: list[ServiceLocation] = []
    for number, values in enumerate(data.locations, start=1):
        location = ServiceLocation(**{k: v for k, v in values.items() if k in LOCATION_FIELDS})
        try:
            location.full_clean(exclude=["service"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault("locations", []).extend(
                    _("Location %(number)s, %(field)s: %(message)s")
                    % {
                        "number": number,
                        "field": getattr(
                            ServiceLocation._meta.get_field(name), "verbose_name", name
                        ),
                        "message": message,
                    }
                    for message in messages
                )
        if (location.latitude is None) != (location.longitude is None):
            errors.setdefault("locations", []).append(
                _("Location %(number)s: give both latitude and longitude, or neither.")
                % {"number": number}
            )
        locations.append(location)
    if errors:
        raise ValidationError(errors)
    return locations


def _require_maintainer(actor: Any, provider_id: int | None) -> None:
    # The management command acts as the operator (actor None): it may load any provider.
    if actor is None:
        return
    if not may_maintain(actor, provider_id):
        raise PermissionDenied(_("Only the provider's own staff and administrators may do this."))


def _store(
    actor: Any, service: Service, data: ServiceData, before: dict[str, Any] | None
) -> Service:
    old_areas = sorted(a.code for a in service.life_areas.all()) if service.pk else []
    old_locations = _location_rows(service) if service.pk else []
    locations = validate_service(service, data)
    service.save()
    service.life_areas.set(data.life_areas)
    service.locations.all().delete()
    for location in locations:
        location.service = service
    ServiceLocation.objects.bulk_create(locations)
    extra: dict[str, Any] = {}
    new_areas = sorted(a.code for a in data.life_areas)
    if new_areas != old_areas:
        extra["life_areas"] = [old_areas, new_areas]
    new_locations = _location_rows(service)
    if new_locations != old_locations:
        extra["locations"] = [old_locations, new_locations]
    record_change(actor, service, before, extra=extra)
    return service


@transaction.atomic
def do_create_service(actor: Any, data: ServiceData) -> Service:
    provider = data.fields.get("provider")
    _require_maintainer(actor, getattr(provider, "pk", None))
    return _store(actor, Service(), data, None)


@transaction.atomic
def do_update_service(actor: Any, service: Service, data: ServiceData) -> Service:
    # Locked, so that two editors' location lists cannot interleave.
    service = Service.objects.select_for_update().get(pk=service.pk)
    _require_maintainer(actor, service.provider_id)
    provider = data.fields.get("provider")
    if provider is not None:
        _require_maintainer(actor, provider.pk)
    return _store(actor, service, data, snapshot(service))


@transaction.atomic
def do_verify_service(
    actor: Any, service: Service, today: datetime.date | None = None, note: str = ""
) -> Service:
    """ "Still correct": the provider confirms the entry as it stands today."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    _require_maintainer(actor, service.provider_id)
    before = snapshot(service)
    service.last_verified_on = today or timezone.localdate()
    service.save(update_fields=["last_verified_on", "updated_at"])
    extra: dict[str, Any] = {"verified": True}
    if note:
        extra["verification_note"] = note
    record_change(actor, service, before, extra=extra)
    return service
