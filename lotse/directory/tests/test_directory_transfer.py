import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from lotse.directory.models import PostcodeArea, Service
from lotse.directory.transfer import COLUMNS

pytestmark = pytest.mark.django_db


def _csv(rows, columns=COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def _row(**fields):
    row = {
        "name": "Migrationsberatung MBE",
        "provider": "Caritas Musterkreis",
        "kind": "migration_counselling",
        "life_areas": "orientation,livelihood",
        "languages": "de,ar",
        "free_places": "1",
        "last_verified_on": "2026-01-15",
        "locations": "Am Markt 3 | 48100 | Birkenfeld | Aufzug | Mo-Fr 9-12 | 52.0 | 7.6\n"
        "Rosenweg 1 | 48120 | Eichenau |  | Di 14-16 |  | ",
    }
    row.update(fields)
    return row


def _upload(client, name, content):
    return client.post(reverse("directory:import"), {"file": SimpleUploadedFile(name, content)})


def test_it_imports_a_csv_for_the_own_organisation(client, login, alice):
    login(alice)
    response = _upload(client, "angebote.csv", _csv([_row()]))
    assert response.status_code == 302
    service = Service.objects.get()
    assert sorted(a.code for a in service.life_areas.all()) == ["livelihood", "orientation"]
    locations = list(service.locations.order_by("place"))
    assert [loc.opening_hours for loc in locations] == ["Mo-Fr 9-12", "Di 14-16"]
    assert str(locations[0].latitude) == "52.00000"
    assert locations[1].latitude is None


def test_it_refuses_the_whole_file_with_row_numbers(client, login, alice, drk, course):
    login(alice)
    rows = [
        _row(name="Gut"),
        _row(kind="zauberei"),
        _row(provider="DRK Musterkreis"),
        _row(free_places="viele"),
        {},
        _row(id="999999", life_areas="mond"),
        _row(languages="deutsch"),
    ]
    response = _upload(client, "angebote.csv", _csv(rows))
    assert response.status_code == 400
    errors = response.context["errors"]
    assert (3, "Unknown kind: zauberei") in errors
    assert any(row == 4 and "not DRK Musterkreis" in message for row, message in errors)
    assert any(row == 5 and "not a whole number" in message for row, message in errors)
    assert any(row == 8 and "language code" in message for row, message in errors)
    assert (7, "No service with id 999999.") in errors
    assert (7, "Unknown life area: mond") in errors
    assert not any(row == 2 for row, _m in errors)
    assert list(Service.objects.values_list("name", flat=True)) == [course.name]


def test_it_refuses_changing_another_providers_entry(client, login, alice, classes):
    login(alice)
    row = _row(id=str(classes.pk), name="Übernommen")
    response = _upload(client, "angebote.csv", _csv([row]))
    assert response.status_code == 400
    assert any("belongs to another provider" in m for _r, m in response.context["errors"])
    classes.refresh_from_db()
    assert classes.name == "Internationale Vorbereitungsklassen"


def test_it_refuses_unknown_columns_and_files(client, login, alice):
    login(alice)
    response = _upload(client, "angebote.csv", _csv([{"name": "x"}], columns=["name", "farbe"]))
    assert response.status_code == 400
    assert any("Columns missing" in m for _r, m in response.context["errors"])
    response = _upload(client, "angebote.txt", b"name\n")
    assert ("Upload a .csv or .xlsx file.") in response.content.decode()
    response = _upload(client, "angebote.xlsx", b"not a zip")
    assert "The XLSX file cannot be read." in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_round_trips_the_export(client, login, alice, course, stale_service, fmt):
    login(alice)
    exported = client.get(reverse("directory:list"), {"verified": "all", "format": fmt})
    assert exported.status_code == 200
    before = {s.pk: _state(s) for s in Service.objects.all()}
    response = _upload(client, f"angebote.{fmt}", exported.content)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Service.objects.count() == 2
    assert {s.pk: _state(s) for s in Service.objects.all()} == before


def _state(service):
    return (
        service.name,
        service.provider_id,
        service.kind,
        service.languages,
        service.target_groups,
        service.capacity,
        service.free_places,
        service.waiting_weeks,
        service.last_verified_on,
        sorted(a.code for a in service.life_areas.all()),
        [str(loc) for loc in service.locations.all()],
    )


def test_it_exports_only_what_the_filter_shows(client, login, bob, course, classes):
    login(bob)
    exported = client.get(reverse("directory:list"), {"kind": "school_placement", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert [r["name"] for r in rows] == ["Internationale Vorbereitungsklassen"]
    assert rows[0]["locations"].startswith("Schulstraße 5 | 48120 | Eichenau")


def test_it_defuses_formulas_in_the_export(client, login, alice, caritas):
    from lotse.directory.tests.conftest import make_service

    make_service(caritas, name='=HYPERLINK("http://x")')
    login(alice)
    exported = client.get(reverse("directory:list"), {"format": "csv"}).content.decode()
    assert "'=HYPERLINK" in exported


def test_the_command_imports_exports_and_loads_postcodes(tmp_path, caritas, course):
    out = tmp_path / "alle.csv"
    call_command("directory", "export", str(out))
    content = out.read_text()
    assert course.name in content
    new = tmp_path / "neu.csv"
    new.write_bytes(_csv([_row()]))
    call_command("directory", "import", str(new))
    assert Service.objects.count() == 2
    bad = tmp_path / "schlecht.csv"
    bad.write_bytes(_csv([_row(kind="x")]))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("directory", "import", str(bad))
    assert Service.objects.count() == 2
    areas = tmp_path / "plz.csv"
    areas.write_text("postcode,place,latitude,longitude\n48100,Birkenfeld,52.0,7.6\n")
    call_command("directory", "postcodes", str(areas))
    call_command("directory", "postcodes", str(areas))
    assert PostcodeArea.objects.get().place == "Birkenfeld"
