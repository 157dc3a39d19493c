"""The match threshold where offices are known follows the file's prior down to a weight."""

import math

import pytest

from lotse.linkage.engine import (
    JOIN_FLOOR,
    MATCH_THRESHOLD,
    MATCH_WEIGHT,
    OFFICE_MATCH_THRESHOLD,
    link_records,
    threshold_for_prior,
)
from lotse.linkage.generator import generate


def _weight(probability: float, prior: float) -> float:
    """log2 of the Bayes factor that turns `prior` into `probability`."""
    return math.log2(probability / (1 - probability)) - math.log2(prior / (1 - prior))


def test_between_the_bounds_the_threshold_is_the_weights_probability():
    prior = 2**-MATCH_WEIGHT * 1.5  # posterior odds 1.5: p 0.6
    threshold = threshold_for_prior(prior)
    assert JOIN_FLOOR < threshold < OFFICE_MATCH_THRESHOLD
    assert _weight(threshold, prior) == pytest.approx(MATCH_WEIGHT)


def test_a_larger_file_with_a_smaller_prior_gets_a_lower_threshold_never_under_the_floor():
    priors = [10.0**-e for e in range(3, 9)]  # from a small file to a huge one
    thresholds = [threshold_for_prior(p) for p in priors]
    assert thresholds == sorted(thresholds, reverse=True)
    assert thresholds[0] == OFFICE_MATCH_THRESHOLD  # small files: the set threshold holds
    assert thresholds[-1] == JOIN_FLOOR
    assert len(set(thresholds)) > 2
    # A prior that was not trained (0 or 1) leaves the set threshold.
    assert threshold_for_prior(0.0) == threshold_for_prior(1.0) == OFFICE_MATCH_THRESHOLD
    assert threshold_for_prior(1e-7, ceiling=0.95) <= 0.95


def _records(count, seed, **extra):
    return [record | extra for record, _ in generate(count, seed=seed)][:count]


def test_link_records_with_offices_joins_at_the_weights_threshold():
    records = _records(300, 3)
    count = len(records)
    assert len({r["source"] for r in records}) > 1
    # Under 5,000 records nothing is trained: the prior is one in (count - 1).
    prior = 1 / (count - 1)
    weight = math.log2(1.5 * (1 - prior) / prior)  # posterior odds 1.5: p 0.6
    expected = threshold_for_prior(prior, weight)
    assert JOIN_FLOOR < expected < OFFICE_MATCH_THRESHOLD
    result = link_records(records, match_weight=weight)
    assert result.threshold == pytest.approx(expected)
    # Every pair under the threshold is for review, none at or above it that clustering
    # followed; pairs at or above it are joined unless listed as kept apart.
    reviewed = {(a, b) for a, b, _ in result.review}
    for a, b, p in result.pairs:
        if p < result.threshold:
            assert (a, b) in reviewed
        elif (a, b) not in reviewed:
            assert result.clusters[a] == result.clusters[b]
    # The default weight on so small a file: the set office threshold.
    assert link_records(records).threshold == OFFICE_MATCH_THRESHOLD


def test_without_offices_the_weight_is_not_used():
    records = [r | {"source": ""} for r in _records(300, 3)]
    assert link_records(records).threshold == MATCH_THRESHOLD
