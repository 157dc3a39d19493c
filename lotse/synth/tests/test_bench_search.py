"""`lotse bench_search` measures the person search as the operator or as a staff member."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lotse.synth.bench.runner import busiest_case_manager
from lotse.synth.tests.helpers import small_run


def _bench(*args: str) -> dict:
    out = StringIO()
    call_command("bench_search", "--json", "--queries", "20", "--warmup", "2", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def served(monkeypatch):
    """Records the switch to the web server's setting (which would change this
    test process's database settings for the tests after it)."""
    calls: list[bool] = []
    monkeypatch.setattr(
        "lotse.synth.management.commands.bench_search.serve_interactive_queries",
        lambda: calls.append(True),
    )
    return calls


@pytest.mark.django_db
def test_it_finds_most_people_as_the_operator(served):
    small_run(persons=60)
    result = _bench()
    assert served == [True]  # measured as `lotse serve` runs the search
    assert result["user"] == "operator" and result["queries"] == 20
    assert result["recall_at_10"] >= 0.7
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]


@pytest.mark.django_db
def test_a_staff_member_searches_for_the_people_they_may_see(served):
    small_run(persons=60)
    user = busiest_case_manager()
    result = _bench("--user", user.username, "--parallel-query")
    assert served == []  # a task worker's setting: PostgreSQL's own
    assert result["user"] == user.username
    # Drawn from their own persons, so they can find them.
    assert result["recall_at_10"] >= 0.7


@pytest.mark.django_db
def test_it_refuses_an_unknown_user(served):
    small_run(persons=20)
    with pytest.raises(CommandError, match="no active user 'nobody'"):
        _bench("--user", "nobody")
