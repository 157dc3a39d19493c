"""The synthetic generator writes the same keys a save would (COPY path and bulk_create)."""

import pytest

from lotse.namekeys.models import NameKey
from lotse.namekeys.service import rebuild_all
from lotse.synth.tests.helpers import small_run

pytestmark = pytest.mark.django_db(transaction=True)

COLUMNS = (
    "person_id",
    "form",
    "canon",
    "fold",
    "metaphone",
    "cologne",
    "skeleton",
    "abjad",
    "birth_year",
)


def all_keys():
    return sorted(NameKey.objects.values_list(*COLUMNS))


def test_it_fills_the_keys_of_every_synthetic_person_like_a_save():
    small_run(persons=60)
    generated = all_keys()
    assert len({row[0] for row in generated}) == 60
    assert any(row[7] for row in generated), "some names in Arabic script"
    rebuild_all()
    assert all_keys() == generated
