"""The case page profile runs against a tiny synthetic district."""

from io import StringIO

import pytest
from django.core.management import call_command

from lotse.synth.tests.helpers import small_run


@pytest.mark.django_db
def test_it_counts_queries_and_calls_per_case_page():
    small_run(persons=60)
    out = StringIO()
    call_command("profile_case_page", "--count", "2", "--repeat", "1", stdout=out)
    lines = out.getvalue().splitlines()
    pages = [line for line in lines if line.startswith("/cases/")]
    assert len(pages) == 2
    for line in pages:
        queries, calls = (int(word) for word in line.split() if word.isdigit())
        assert 10 < queries < 60
        assert calls > 1000
    assert lines[-1].startswith("2 requests: median")
