"""The benchmark command runs against a tiny dataset and reports latencies."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.synth.bench.runner import busiest_case_manager
from lotse.synth.tests.helpers import small_run


def _bench(*args: str) -> dict:
    out = StringIO()
    call_command(
        "bench", "--json", "--requests", "6", "--warmup", "1", *args, stdout=out, stderr=StringIO()
    )
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_it_measures_case_lists_and_person_pages_with_the_django_client():
    small_run(persons=60)
    result = _bench("--client", "django")
    pages = {p["name"]: p for p in result["pages"]}
    assert {"case list", "person page"} <= set(pages)
    assert pages["case list (mine)"]["requests"] == pages["case list (owned)"]["requests"] == 3
    for name in ("case list", "person page"):
        page = pages[name]
        assert page["requests"] == 6
        assert 0 < page["p50"] <= page["p95"] <= page["p99"] <= page["max"]
        assert page["queries_min"] >= 1
    assert result["statuses"]["case list"] == {"200": 6} or result["statuses"]["case list"] == {
        200: 6
    }


@pytest.mark.django_db
def test_it_leaves_no_bench_device_behind():
    small_run(persons=30)
    user = busiest_case_manager()
    _bench("--client", "django")
    assert not TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.django_db(transaction=True)
def test_it_measures_over_real_http():
    # The server thread has its own database connection: the data must be committed.
    small_run(persons=30)
    result = _bench("--client", "http")
    pages = {p["name"]: p for p in result["pages"]}
    assert pages["case list"]["requests"] == 6
    assert pages["case list"]["errors"] == 0
    assert pages["case list"]["queries_min"] >= 1


@pytest.mark.django_db
def test_it_synthesises_first_when_asked_for_persons():
    result = _bench("--client", "django", "--persons", "25")
    assert result["persons"] == 25


@pytest.mark.django_db
def test_it_refuses_an_empty_database():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="synth"):
        call_command("bench", stdout=StringIO(), stderr=StringIO())
