"""Organisations are reference data: everyone reads, administrators maintain."""

from lotse.network.models import Organisation


def test_it_lists_organisations_to_every_user(caritas, jobcentre, drk, carol, api):
    listed = api(carol).get("organisations/").json()
    assert [o["name"] for o in listed["results"]] == [
        "Caritas Musterkreis",
        "DRK Musterkreis",
        "Jobcenter Musterkreis",
    ]
    assert api(carol).get("organisations/", {"q": "job"}).json()["count"] == 1
    assert api(carol).get(f"organisations/{drk.pk}/").json()["name"] == drk.name


def test_it_lets_administrators_create_and_change(caritas, adam, api):
    client = api(adam)
    created = client.post(
        "organisations/",
        {
            "name": "Ausländerbehörde Musterkreis",
            "kind": "immigration_office",
            "legal_areas": ["aufenthg", "stag", "aufenthg"],
            "parent": caritas.pk,
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["legal_areas"] == ["aufenthg", "stag"]
    office = Organisation.objects.get(pk=created.json()["id"])
    assert office.legal_areas == "aufenthg,stag"
    changed = client.patch(f"organisations/{office.pk}/", {"phone": "02421 123"})
    assert changed.status_code == 200
    office.refresh_from_db()
    assert office.phone == "02421 123"


def test_it_refuses_changes_by_others(caritas, alice, dora, api):
    for user in (alice, dora):
        answer = api(user).post("organisations/", {"name": "X", "kind": "other"})
        assert answer.status_code == 403
        assert api(user).patch(f"organisations/{caritas.pk}/", {"name": "Y"}).status_code == 403
    assert not Organisation.objects.filter(name__in=["X", "Y"]).exists()


def test_it_refuses_bad_organisations(caritas, jobcentre, adam, api):
    client = api(adam)
    before = Organisation.objects.count()
    answer = client.post(
        "organisations/", {"name": caritas.name, "kind": "castle", "legal_areas": ["sgb99"]}
    )
    assert answer.status_code == 400
    assert {"name", "kind", "legal_areas"} <= set(answer.json())
    assert Organisation.objects.count() == before
    jobcentre.parent = caritas
    jobcentre.save()
    cycle = client.patch(f"organisations/{caritas.pk}/", {"parent": jobcentre.pk})
    assert cycle.status_code == 400
    assert "parent" in cycle.json()
