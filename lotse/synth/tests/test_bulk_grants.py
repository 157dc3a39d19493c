"""Grants computed in bulk equal what the product's own grant rebuild computes."""

from collections import Counter

import pytest

from lotse.access.grants import compute_person_grants
from lotse.access.models import AccessGrant
from lotse.people.models import Person
from lotse.synth.tests.helpers import small_run

pytestmark = pytest.mark.django_db

FIELDS = (
    "person_id",
    "case_id",
    "organisation_id",
    "owner",
    "reason",
    "consent_id",
    "valid_from",
    "valid_until",
)


def _key(grant: AccessGrant) -> tuple[object, ...]:
    return (*(getattr(grant, f) for f in FIELDS), frozenset(grant.categories))


def test_it_computes_the_same_grants_as_compute_person_grants():
    small_run(persons=250, seed=11)
    stored: dict[int, Counter] = {}
    for grant in AccessGrant.objects.all():
        stored.setdefault(grant.person_id, Counter())[_key(grant)] += 1
    reasons = Counter(AccessGrant.objects.values_list("reason", flat=True))
    assert reasons["registered"] and reasons["owns_case"] and reasons["consent"]
    for person_id in Person.objects.values_list("id", flat=True):
        expected = Counter(_key(g) for g in compute_person_grants(person_id))
        assert stored.get(person_id, Counter()) == expected, person_id
