from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.network.models import Organisation, Team


def _organisation_data(**overrides):
    data = {
        "name": "Ausländerbehörde Musterkreis",
        "kind": "immigration_office",
        "legal_areas": ["aufenthg", "stag"],
        "street": "Am Markt 1",
        "postcode": "12345",
        "place": "Musterstadt",
        "email": "abh@example.org",
        "phone": "01234 5678",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_it_creates_an_organisation_with_legal_areas_and_an_audit_row(district, adam, login):
    client = login(adam)
    response = client.post(
        reverse("network:organisation_create"), _organisation_data(parent=district.pk)
    )
    organisation = Organisation.objects.get(name="Ausländerbehörde Musterkreis")
    assert response.status_code == 302
    assert organisation.legal_areas == "aufenthg,stag"
    assert organisation.parent == district
    entry = AuditEntry.objects.get(object_type="network.organisation", action=AuditAction.CREATE)
    assert entry.actor_id == adam.pk
    assert entry.object_id == str(organisation.pk)


def test_it_edits_an_organisation_and_shows_the_legal_areas_checked(caritas, adam, login):
    caritas.legal_areas = "counselling"
    caritas.save()
    client = login(adam)
    page = client.get(reverse("network:organisation_edit", args=[caritas.pk]))
    assert page.context["form"].initial["legal_areas"] == ["counselling"]
    assert 'type="checkbox" name="legal_areas" value="counselling"' in page.content.decode()

    response = client.post(
        reverse("network:organisation_edit", args=[caritas.pk]),
        _organisation_data(name=caritas.name, kind="welfare_organisation", legal_areas=[]),
    )
    assert response.status_code == 302
    caritas.refresh_from_db()
    assert caritas.legal_areas == ""
    assert caritas.street == "Am Markt 1"
    entry = AuditEntry.objects.get(object_type="network.organisation", action=AuditAction.UPDATE)
    assert entry.changes["legal_areas"] == ["counselling", ""]


def test_it_records_deactivating_an_organisation(caritas, alice, adam, login):
    response = login(adam).post(
        reverse("network:organisation_edit", args=[caritas.pk]),
        _organisation_data(name=caritas.name, is_active=""),
    )
    assert response.status_code == 302
    caritas.refresh_from_db()
    assert caritas.is_active is False
    entry = AuditEntry.objects.get(object_type="network.organisation", action=AuditAction.UPDATE)
    assert entry.changes["is_active"] == [True, False]


def test_it_changes_nothing_on_invalid_input(caritas, district, adam, login):
    district.parent = caritas
    district.save()
    client = login(adam)
    before = AuditEntry.objects.count()
    bad = {
        "duplicate name": _organisation_data(name=district.name),
        "unknown legal area": _organisation_data(legal_areas=["sgb99"]),
        "no kind": _organisation_data(kind=""),
        "bad e-mail": _organisation_data(email="nicht-gültig"),
    }
    for name, data in bad.items():
        response = client.post(reverse("network:organisation_create"), data)
        assert response.status_code == 200, name
        assert response.context["form"].errors, name
    # A cycle: the district belongs to Caritas, so Caritas cannot belong to it.
    cycle = client.post(
        reverse("network:organisation_edit", args=[caritas.pk]),
        _organisation_data(name=caritas.name, parent=district.pk),
    )
    assert cycle.status_code == 200
    assert cycle.context["form"].errors["parent"]
    caritas.refresh_from_db()
    assert caritas.parent is None
    assert Organisation.objects.count() == 2
    assert AuditEntry.objects.count() == before


def test_it_manages_the_teams_of_an_organisation(caritas, adam, login):
    client = login(adam)
    created = client.post(reverse("network:team_create", args=[caritas.pk]), {"name": "Nord"})
    assert created.status_code == 302
    team = Team.objects.get(organisation=caritas)
    duplicate = client.post(reverse("network:team_create", args=[caritas.pk]), {"name": "Nord"})
    assert duplicate.status_code == 200
    assert duplicate.context["form"].errors
    renamed = client.post(reverse("network:team_edit", args=[caritas.pk, team.pk]), {"name": "Süd"})
    assert renamed.status_code == 302
    team.refresh_from_db()
    assert team.name == "Süd"
    page = client.get(reverse("network:organisation_edit", args=[caritas.pk]))
    assert "Süd" in page.content.decode()
    deleted = client.post(reverse("network:team_delete", args=[caritas.pk, team.pk]))
    assert deleted.status_code == 302
    assert not Team.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="network.team")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]


def test_it_lists_organisations(caritas, jobcentre, adam, login):
    page = login(adam).get(reverse("network:organisations"))
    content = page.content.decode()
    assert caritas.name in content and jobcentre.name in content
