from django.utils import translation

from lotse.cases.models import DEFAULT_LIFE_AREAS, LifeArea


def test_it_seeds_the_eleven_life_areas_of_the_method(db):
    seeded = list(LifeArea.objects.values_list("code", "name_de", "name_en", "category"))
    assert seeded == [(c, de, en, str(cat)) for c, de, en, cat in DEFAULT_LIFE_AREAS]


def test_it_names_a_life_area_in_the_active_language(db):
    health = LifeArea.objects.get(code="health")
    with translation.override("de"):
        assert health.label == "Gesundheit"
    with translation.override("en"):
        assert health.label == "Health"
