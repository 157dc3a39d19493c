"""The directory through /api/v1/services/: the page's filters and rules; answers checked against the schema."""

import datetime

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.core.tests.api.conftest import Api
from lotse.directory.models import Service
from lotse.people.models import Address
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


def _names(answer):
    return [s["name"] for s in answer.json()["results"]]


def test_it_lists_with_the_pages_filters(bob, course, classes, stale_service):
    api = Api(bob)
    assert _names(api.get("services/")) == [course.name, classes.name]
    assert _names(api.get("services/", {"language": "uk"})) == [course.name]
    assert _names(api.get("services/", {"free_places": "true"})) == [course.name]
    assert _names(api.get("services/", {"place": "Eichenau"})) == [classes.name]
    assert _names(api.get("services/", {"verified": "stale"})) == [stale_service.name]
    assert _names(api.get("services/", {"life_area": "education"})) == [classes.name]
    answer = api.get("services/", {"language": "deutsch"})
    assert answer.status_code == 400
    assert "language" in answer.json()


def test_it_gives_distances_to_readers_of_the_address(alice, carol, caritas, course, postcodes):
    person = f.person(caritas, alice)
    Address.objects.create(
        person=person,
        street="Lindenweg 3",
        postcode="48120",
        place="Eichenau",
        valid_from=datetime.date(2024, 1, 1),
    )
    mine = Api(alice).get("services/", {"person": person.pk}).json()["results"][0]
    assert mine["locations"][0]["distance_km"] == 11.0
    theirs = Api(carol).get("services/", {"person": person.pk}).json()["results"][0]
    assert theirs["locations"][0]["distance_km"] is None
    detail = Api(alice).get(f"services/{course.pk}/", {"person": person.pk}).json()
    assert detail["locations"][0]["distance_km"] == 11.0


def test_it_creates_and_changes_for_the_provider(alice, caritas):
    api = Api(alice)
    answer = api.post(
        "services/",
        {
            "provider": caritas.pk,
            "name": "Psychosoziale Beratung",
            "kind": "health",
            "languages": ["de", "fa"],
            "life_areas": ["health"],
            "locations": [{"street": "Am Markt 2", "postcode": "48100", "place": "Birkenfeld"}],
        },
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["languages"] == ["de", "fa"]
    assert body["is_stale"] is True
    changed = api.patch(f"services/{body['id']}/", {"free_places": 2, "waiting_weeks": 6})
    assert changed.status_code == 200, changed.content
    assert changed.json()["locations"][0]["street"] == "Am Markt 2"
    assert changed.json()["life_areas"] == ["health"]
    verified = api.post(f"services/{body['id']}/verify/", {"note": "Kursbüro angerufen"})
    assert verified.json()["last_verified_on"] == timezone.localdate().isoformat()
    assert verified.json()["is_stale"] is False
    entries = AuditEntry.objects.filter(object_type="directory.service").order_by("id")
    assert entries.count() == 3
    assert entries.last().changes["verification_note"] == "Kursbüro angerufen"
    too_long = api.post(f"services/{body['id']}/verify/", {"note": "x" * 301})
    assert too_long.status_code == 400 and "note" in too_long.json()


def test_it_refuses_others(carol, caritas, drk, course):
    api = Api(carol)
    before = AuditEntry.objects.exclude(action="read").count()
    assert api.patch(f"services/{course.pk}/", {"name": "Fremd"}).status_code == 403
    assert api.post(f"services/{course.pk}/verify/").status_code == 403
    created = api.post("services/", {"provider": caritas.pk, "name": "x", "kind": "other"})
    assert created.status_code == 400
    assert "provider" in created.json()
    assert AuditEntry.objects.exclude(action="read").count() == before
    assert Service.objects.get(pk=course.pk).name == course.name


def test_it_refuses_bad_values(alice, caritas, course):
    api = Api(alice)
    answer = api.patch(
        f"services/{course.pk}/",
        {"free_places": 50, "locations": [{"place": "X", "latitude": "95.0", "longitude": "7.0"}]},
    )
    assert answer.status_code == 400
    assert "locations" in answer.json()
    answer = api.patch(f"services/{course.pk}/", {"free_places": 50})
    assert answer.status_code == 400
    assert "More free places" in str(answer.json())
    assert api.get("services/99999999999999999999/").status_code == 404
