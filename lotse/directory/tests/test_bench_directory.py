import json

import pytest
from django.core.management import CommandError, call_command

from lotse.directory.models import PostcodeArea, Service
from lotse.synth.services import write_services
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


def _district():
    for i, name in enumerate(("Caritas Benchkreis", "Stadt Eichenau", "DRK Benchkreis")):
        f.OrganisationFactory(name=name, postcode=f"4810{i}", place=f"Ort {i}")


def test_synth_writes_services_with_places_and_stale_entries():
    _district()
    assert write_services(120, seed=3, progress=lambda m: None) == 120
    assert Service.objects.count() == 120
    assert PostcodeArea.objects.count() == 3
    stale = Service.objects.stale().count()
    assert 5 < stale < 60
    assert all(s.locations.exists() for s in Service.objects.all()[:20])


def test_the_benchmark_tops_up_and_reports(capsys):
    _district()
    call_command(
        "bench_directory", "--services", "60", "--queries", "10", "--warmup", "1", "--json"
    )
    result = json.loads(capsys.readouterr().out)
    assert result["services"] == 60
    assert result["queries"] == 10
    assert result["sql_per_search"] <= 5
    assert result["p95_ms"] >= result["p50_ms"]


def test_the_benchmark_needs_organisations():
    with pytest.raises(CommandError, match="lotse synth"):
        call_command("bench_directory", "--services", "10", "--queries", "1")
