import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.directory.models import Service
from lotse.people.models import Address
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


def _names(response):
    return [row["service"].name for row in response.context["rows"]]


def test_it_lists_current_services_for_any_signed_in_user(
    client, login, bob, course, classes, stale_service
):
    login(bob)
    response = client.get(reverse("directory:list"))
    assert response.status_code == 200
    assert _names(response) == [
        "Integrationskurs mit Kinderbetreuung",
        "Internationale Vorbereitungsklassen",
    ]
    body = response.content.decode()
    assert "Schulstraße 5, 48120 Eichenau" in body
    assert "16 weeks" in body


def test_it_asks_for_sign_in(client):
    assert client.get(reverse("directory:list")).status_code == 302


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "school_placement"}, ["Internationale Vorbereitungsklassen"]),
        ({"life_area": "language"}, ["Integrationskurs mit Kinderbetreuung"]),
        ({"language": "uk"}, ["Integrationskurs mit Kinderbetreuung"]),
        ({"language": "u"}, None),
        ({"place": "eichenau"}, ["Internationale Vorbereitungsklassen"]),
        ({"place": "4810"}, ["Integrationskurs mit Kinderbetreuung"]),
        ({"target_group": "jugendliche"}, ["Internationale Vorbereitungsklassen"]),
        ({"free_places": "on"}, ["Integrationskurs mit Kinderbetreuung"]),
        ({"q": "vorbereitung"}, ["Internationale Vorbereitungsklassen"]),
        ({"verified": "stale"}, ["Wohnungssuche Beratung"]),
        (
            {"verified": "all"},
            [
                "Integrationskurs mit Kinderbetreuung",
                "Internationale Vorbereitungsklassen",
                "Wohnungssuche Beratung",
            ],
        ),
    ],
)
def test_it_filters(client, login, alice, course, classes, stale_service, query, expected):
    login(alice)
    response = client.get(reverse("directory:list"), query)
    if expected is None:
        assert "An ISO 639 code" in response.content.decode()
        assert _names(response) == []
    else:
        assert _names(response) == expected


def test_it_matches_a_language_code_whole(client, login, alice, caritas):
    from lotse.directory.tests.conftest import make_service

    make_service(caritas, name="Kurs Arabisch", languages="ar")
    make_service(caritas, name="Kurs Aramäisch", languages="arc")
    login(alice)
    assert _names(client.get(reverse("directory:list"), {"language": "ar"})) == ["Kurs Arabisch"]


def test_it_flags_stale_entries_in_list_and_detail(client, login, alice, stale_service):
    login(alice)
    listing = client.get(reverse("directory:list"), {"verified": "all"}).content.decode()
    assert "Not verified for six months" in listing
    detail = client.get(reverse("directory:detail", args=[stale_service.pk])).content.decode()
    assert "Not verified for six months" in detail


def _home(person, postcode="48120"):
    Address.objects.create(
        person=person,
        street="Lindenweg 3",
        postcode=postcode,
        place="Eichenau",
        valid_from=datetime.date(2024, 1, 1),
    )


def test_it_gives_distances_from_the_persons_postcode_area(
    client, login, alice, caritas, course, classes, postcodes
):
    person = f.person(caritas, alice)
    _home(person)
    login(alice)
    response = client.get(reverse("directory:list"), {"person": person.pk})
    body = response.content.decode()
    # 0.1 degrees of latitude: 11.1 km, rounded to half kilometres; the same area: 0 km.
    assert "about 11 km" in body
    assert "about 0 km" in body
    assert "Lindenweg" not in body
    assert AuditEntry.objects.filter(
        action="read", object_type="directory.distance", person_id=person.pk
    ).exists()


def test_it_gives_no_distance_to_who_may_not_read_the_address(
    client, login, alice, carol, caritas, course, postcodes
):
    person = f.person(caritas, alice)
    _home(person)
    login(carol)
    body = client.get(reverse("directory:list"), {"person": person.pk}).content.decode()
    assert "km" not in body
    assert "not available to you" in body
    # The same answer as for a person who does not exist.
    missing = client.get(reverse("directory:list"), {"person": 999999}).content.decode()
    assert "not available to you" in missing


def test_it_shows_details(client, login, bob, course):
    login(bob)
    response = client.get(reverse("directory:detail", args=[course.pk]))
    body = response.content.decode()
    assert "Mütter mit kleinen Kindern" in body
    assert "3 free places" in body
    # bob is not at Caritas: no maintenance.
    assert reverse("directory:edit", args=[course.pk]) not in body


def test_it_lets_the_providers_staff_verify(client, login, alice, stale_service):
    login(alice)
    response = client.post(reverse("directory:verify", args=[stale_service.pk]))
    assert response.status_code == 302
    stale_service.refresh_from_db()
    assert stale_service.last_verified_on == timezone.localdate()
    assert AuditEntry.objects.filter(
        object_type="directory.service", object_id=str(stale_service.pk), action="update"
    ).exists()


def test_it_refuses_others_to_verify_or_edit(client, login, carol, stale_service):
    login(carol)
    before = AuditEntry.objects.count()
    assert client.post(reverse("directory:verify", args=[stale_service.pk])).status_code == 403
    assert client.get(reverse("directory:edit", args=[stale_service.pk])).status_code == 403
    assert client.post(reverse("directory:edit", args=[stale_service.pk]), {}).status_code == 403
    stale_service.refresh_from_db()
    assert stale_service.last_verified_on < timezone.localdate()
    assert AuditEntry.objects.count() == before


def _form(provider, **extra):
    data = {
        "provider": provider.pk,
        "name": "Job-Coaching für Geflüchtete",
        "kind": "job_coaching",
        "languages": "de, AR ,fa",
        "life_areas": [],
        "capacity": "10",
        "free_places": "2",
        "waiting_weeks": "0",
        "active": "on",
        "locations-TOTAL_FORMS": "2",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "20",
        "locations-0-street": "Bahnhofstraße 2",
        "locations-0-postcode": "48100",
        "locations-0-place": "Birkenfeld",
        "locations-0-accessibility": "stufenlos",
        "locations-1-place": "",
    }
    data.update(extra)
    return data


def test_it_creates_an_entry_for_the_own_organisation(client, login, alice, caritas):
    login(alice)
    response = client.post(reverse("directory:create"), _form(caritas))
    service = Service.objects.get(name="Job-Coaching für Geflüchtete")
    assert response.status_code == 302
    assert service.languages == "de,ar,fa"
    assert [str(loc) for loc in service.locations.all()] == ["Bahnhofstraße 2, 48100 Birkenfeld"]
    assert AuditEntry.objects.filter(object_type="directory.service", action="create").exists()


def test_it_does_not_create_for_another_organisation(client, login, alice, drk):
    login(alice)
    response = client.post(reverse("directory:create"), _form(drk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Service.objects.exists()


def test_it_refuses_more_free_places_than_places(client, login, alice, caritas):
    login(alice)
    response = client.post(reverse("directory:create"), _form(caritas, free_places="11"))
    assert "More free places than places in all (10)." in response.content.decode()
    assert not Service.objects.exists()


def test_it_lets_administrators_edit_any_entry(client, login, adam, classes):
    login(adam)
    data = _form(classes.provider, name="Vorbereitungsklassen Eichenau")
    response = client.post(reverse("directory:edit", args=[classes.pk]), data)
    assert response.status_code == 302
    classes.refresh_from_db()
    assert classes.name == "Vorbereitungsklassen Eichenau"
    entry = AuditEntry.objects.filter(object_type="directory.service", action="update").latest("id")
    assert entry.changes["name"] == [
        "Internationale Vorbereitungsklassen",
        "Vorbereitungsklassen Eichenau",
    ]
    assert "locations" in entry.changes


def test_it_links_the_directory_in_the_navigation(client, login, dora):
    login(dora)
    assert reverse("directory:list") in client.get(reverse("core:home")).content.decode()
