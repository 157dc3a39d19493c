import pytest
from django.core.exceptions import ValidationError

from lotse.access.models import ConsentText


def test_it_seeds_one_release_text_per_language(db):
    seeded = ConsentText.objects.filter(version="2025-1")
    assert sorted(seeded.values_list("language", flat=True)) == ["de", "en"]
    assert all(text.body.strip() for text in seeded)


def test_it_keeps_the_seeded_texts_immutable(db):
    text = ConsentText.objects.get(version="2025-1", language="de")
    text.body = "geändert"
    with pytest.raises(ValidationError):
        text.save()
