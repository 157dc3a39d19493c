import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from lotse.accounts.choices import Role
from lotse.cases.models import LifeArea
from lotse.directory.models import PostcodeArea, Service, ServiceLocation
from lotse.testing import factories as f


def make_service(provider: Any, **fields: Any) -> Service:
    """A directory entry verified today unless told otherwise, with one location."""
    areas = fields.pop("life_areas", ())
    location = fields.pop(
        "location", {"street": "Hauptstraße 1", "postcode": "48100", "place": "Birkenfeld"}
    )
    defaults: dict[str, Any] = {
        "name": "Sprachkurs A1",
        "kind": "language_course",
        "languages": "de,ar",
        "last_verified_on": timezone.localdate(),
    }
    defaults.update(fields)
    service = Service.objects.create(provider=provider, **defaults)
    service.life_areas.set(LifeArea.objects.filter(code__in=areas))
    if location:
        ServiceLocation.objects.create(service=service, **location)
    return service


@pytest.fixture
def postcodes(db):
    # Two synthetic postcode areas about 11 km apart (0.1 degrees of latitude).
    PostcodeArea.objects.create(
        postcode="48100",
        place="Birkenfeld",
        latitude=Decimal("52.00000"),
        longitude=Decimal("7.60000"),
    )
    PostcodeArea.objects.create(
        postcode="48120",
        place="Eichenau",
        latitude=Decimal("52.10000"),
        longitude=Decimal("7.60000"),
    )


@pytest.fixture
def course(caritas):
    return make_service(
        caritas,
        name="Integrationskurs mit Kinderbetreuung",
        kind="integration_course",
        languages="de,ar,uk",
        life_areas=("language",),
        target_groups="Mütter mit kleinen Kindern",
        capacity=20,
        free_places=3,
        waiting_weeks=4,
    )


@pytest.fixture
def classes(drk):
    return make_service(
        drk,
        name="Internationale Vorbereitungsklassen",
        kind="school_placement",
        languages="de",
        life_areas=("education",),
        target_groups="Jugendliche 12-16",
        capacity=30,
        free_places=0,
        waiting_weeks=16,
        location={"street": "Schulstraße 5", "postcode": "48120", "place": "Eichenau"},
    )


@pytest.fixture
def stale_service(caritas):
    return make_service(
        caritas,
        name="Wohnungssuche Beratung",
        kind="housing",
        languages="de,fa",
        last_verified_on=timezone.localdate() - datetime.timedelta(days=200),
    )


@pytest.fixture
def adam(caritas):
    return f.staff(
        f.OrganisationFactory(name="Kreisverwaltung"), Role.ADMINISTRATOR, username="adam"
    )
