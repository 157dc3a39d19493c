"""Percentiles and page walking of the benchmark. Pure."""

import pytest

from lotse.synth.bench.runner import next_link
from lotse.synth.bench.stats import percentile, summarise


def test_it_takes_the_nearest_rank_percentile():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([7.0], 95) == 7.0


def test_it_refuses_no_values():
    with pytest.raises(ValueError):
        percentile([], 50)


def test_it_summarises_latencies_and_queries():
    summary = summarise("page", [10.0, 20.0, 30.0, 40.0], [3, 5, 5, 9], errors=1)
    assert (summary.p50, summary.max) == (20.0, 40.0)
    assert (summary.queries_min, summary.queries_median, summary.queries_max) == (3, 5, 9)
    assert summary.errors == 1


def test_it_follows_the_next_link_of_a_page():
    body = '<nav><a href="?scope=mine&amp;phase=open&amp;after=2026-01-02.17" rel="next">Next</a></nav>'
    assert next_link(body, "/cases/?scope=mine&phase=open") == (
        "/cases/?scope=mine&phase=open&after=2026-01-02.17"
    )
    assert next_link("<p>no pages</p>", "/cases/") is None
    assert next_link('<a rel="next" href="/cases/?page=3">', "/cases/") == "/cases/?page=3"
