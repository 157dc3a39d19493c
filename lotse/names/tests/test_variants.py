"""The curated variant dictionary and the administrators' additions."""

import pytest

from lotse.names import VariantDictionary, curated, fold, normalised, with_extra


@pytest.mark.parametrize(
    "names",
    [
        ("Mohammed", "Muhammad", "Mohamad", "Mohamed", "Mehmet", "Mohammad"),
        ("Ahmad", "Ahmed", "Achmed"),
        ("Yousef", "Yusuf", "Youssef", "Jusuf"),
        ("Oleksandr", "Aleksandr", "Alexander", "Olexandr"),
        ("Olena", "Elena", "Jelena"),
        ("Hussein", "Husain", "Hossein", "Hüseyin"),
        ("Abdulrahman", "Abdul Rahman", "Abdelrahman", "Abdurrahman"),
        ("Fatima", "Fatma", "Fatemeh"),
    ],
)
def test_it_maps_every_variant_to_one_key(names):
    dictionary = curated()
    keys = {dictionary.canonical(normalised(name)) for name in names}
    assert len(keys) == 1


def test_it_holds_a_few_hundred_names():
    assert len(curated()) > 1000


def test_it_keeps_different_names_apart():
    d = curated()
    assert d.canonical("hassan") != d.canonical("hussein")
    assert d.canonical("sara") != d.canonical("zahra")


def test_it_leaves_unknown_names_as_they_are():
    assert curated().canonical("zzyzx") == "zzyzx"


def test_it_merges_classes_that_share_a_spelling():
    d = VariantDictionary([("Maryam", ["Mariam", "Maria"]), ("Mariia", ["Maria", "Marija"])])
    assert d.canonical("marija") == d.canonical("mariam") == "maryam"


def test_it_adds_administrators_variants_to_the_curated_ones():
    d = with_extra([("Mhmmd", "Mohammed")])
    assert d.canonical("mhmmd") == d.canonical("muhammad") == "mohammed"
    assert curated().canonical("mhmmd") == "mhmmd"


@pytest.mark.parametrize(
    "names",
    [
        ("Shevchenko", "Schewtschenko"),
        ("Tkachenko", "Tkatschenko"),
        ("Ivanov", "Iwanow", "Ivanoff"),
        ("Kovalenko", "Kowalenko"),
        ("Yelena", "Jelena"),
    ],
)
def test_it_folds_romanisations_without_the_dictionary(names):
    assert len({fold(normalised(n)) for n in names}) == 1
