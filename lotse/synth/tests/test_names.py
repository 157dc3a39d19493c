import datetime
import random
import re
import unicodedata
from collections.abc import Iterator

import pytest

from lotse.synth.names import (
    BIRTH_DATE_PRECISIONS,
    BIRTH_PLACES,
    COUNTRIES,
    DEFAULT_TODAY,
    NAME_TABLES,
    RELATIONSHIPS,
    VARIANT_KINDS,
    NameEntry,
    SyntheticIdentity,
    make_household,
    make_identity,
    pick_country,
)

# Unicode blocks of the original scripts, as (first, last) code points.
SCRIPT_BLOCKS = {
    "Arab": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "Cyrl": ((0x0400, 0x04FF), (0x0500, 0x052F)),
    "Ethi": ((0x1200, 0x137F), (0x1380, 0x139F), (0x2D80, 0x2DDF)),
}


def written_in(text: str, script: str) -> bool:
    return all(
        any(first <= ord(ch) <= last for first, last in SCRIPT_BLOCKS[script])
        for ch in text
        if not ch.isspace()
    )


def identities(
    seed: int,
    count: int,
    *,
    country: str | None = None,
    age_range: tuple[int, int] = (0, 70),
    today: datetime.date = DEFAULT_TODAY,
) -> Iterator[SyntheticIdentity]:
    rng = random.Random(seed)
    for _ in range(count):
        yield make_identity(rng, country=country, age_range=age_range, today=today)


def all_entries() -> Iterator[tuple[str, NameEntry]]:
    for code, table in NAME_TABLES.items():
        for entry in (*table.male, *table.female):
            yield code, entry
        for family in table.family:
            yield code, family.male
            yield code, family.female


def age_on(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def test_it_gives_the_same_people_for_the_same_seed() -> None:
    first = list(identities(7, 300))
    assert first == list(identities(7, 300))
    assert first != list(identities(8, 300))

    households = [make_household(random.Random(seed)) for seed in range(50)]
    assert households == [make_household(random.Random(seed)) for seed in range(50)]


def test_it_has_enough_names_per_country_each_with_its_spellings() -> None:
    assert set(NAME_TABLES) == set(COUNTRIES) == set(BIRTH_PLACES)
    for code, table in NAME_TABLES.items():
        assert len(table.male) >= 25, code
        assert len(table.female) >= 25, code
        assert len(table.family) >= 30, code
        latin = table.script == "Latn"
        assert table.script == COUNTRIES[code].script
        families = [entry for f in table.family for entry in (f.male, f.female)]
        for entry in (*table.male, *table.female, *families):
            assert 1 <= len(entry.variants) <= 4, (code, entry)
            assert entry.latin not in entry.variants, (code, entry)
            assert len(set(entry.variants)) == len(entry.variants), (code, entry)
            assert (entry.original is None) == latin, (code, entry)


def test_it_writes_original_names_in_their_own_script_only() -> None:
    for code, entry in all_entries():
        if entry.original is not None:
            assert written_in(entry.original, NAME_TABLES[code].script), (code, entry)
        assert all(unicodedata.category(ch)[0] in "LZP" for ch in entry.latin), entry


def test_it_weights_countries_with_ukraine_and_syria_most_common() -> None:
    rng = random.Random(3)
    drawn = [pick_country(rng) for _ in range(20_000)]
    counts = {code: drawn.count(code) for code in COUNTRIES}
    assert set(drawn) == set(COUNTRIES)
    assert counts["UKR"] > counts["SYR"] > counts["AFG"] > counts["ERI"]


def test_it_gives_a_placeholder_birth_date_to_about_a_third_of_afghans() -> None:
    people = list(identities(11, 5000, country="AFG"))
    placeholders = [p for p in people if p.birth_date_placeholder]
    assert 0.25 <= len(placeholders) / len(people) <= 0.40
    for person in placeholders:
        assert person.birth_date is not None
        assert (person.birth_date.month, person.birth_date.day) == (1, 1)
        assert person.birth_date_precision == "year"

    unknown = [p for p in people if p.birth_date is None]
    assert 0.005 <= len(unknown) / len(people) <= 0.04
    assert all(p.birth_date_precision == "unknown" for p in unknown)


def test_it_rarely_gives_placeholders_to_ukrainians() -> None:
    people = list(identities(12, 5000, country="UKR"))
    assert sum(p.birth_date_placeholder for p in people) / len(people) < 0.06


def test_it_keeps_every_age_within_the_range_asked_for() -> None:
    today = datetime.date(2028, 2, 29)
    for person in identities(13, 3000, age_range=(30, 31), today=today):
        assert person.birth_date_precision in BIRTH_DATE_PRECISIONS
        if person.birth_date is not None:
            assert 30 <= age_on(person.birth_date, today) <= 31, person


def test_it_makes_every_variant_differ_from_the_primary_spelling() -> None:
    seen_kinds: set[str] = set()
    for person in identities(17, 5000):
        spellings = [(v.given_names, v.family_name) for v in person.variants]
        assert (person.given_names, person.family_name) not in spellings
        assert len(set(spellings)) == len(spellings)
        assert len(person.variants) <= 3
        seen_kinds.update(v.kind for v in person.variants)
    assert seen_kinds == set(VARIANT_KINDS)


def test_it_splits_and_joins_compound_family_names() -> None:
    al_hassan = next(f.male for f in NAME_TABLES["SYR"].family if f.male.latin == "Al Hassan")
    assert {"Al-Hassan", "Alhassan", "Hassan"} <= set(al_hassan.compound_forms)

    splits = [
        v
        for person in identities(19, 3000, country="SYR")
        for v in person.variants
        if v.kind == "compound_split"
    ]
    assert any(re.fullmatch(r"(Al|El)[a-z]+", v.family_name) for v in splits)  # Alhassan
    assert any(re.fullmatch(r"(Al|El)-[A-Z][a-z]+", v.family_name) for v in splits)  # Al-Hassan
    assert any(v.given_names.endswith((" Al", " El", " Abu")) for v in splits)  # Mohammed Al


@pytest.mark.parametrize(("country", "script"), [("SYR", "Arab"), ("UKR", "Cyrl")])
def test_it_writes_the_original_script_variant_in_the_countrys_script(
    country: str, script: str
) -> None:
    people = list(identities(23, 2000, country=country))
    originals = [v for person in people for v in person.variants if v.kind == "original_script"]
    assert 0.4 <= len(originals) / len(people) <= 0.6
    for variant in originals:
        assert written_in(variant.given_names, script), variant
        assert written_in(variant.family_name, script), variant


def test_it_gives_latin_script_countries_no_original_script_variant() -> None:
    for country in ("TUR", "SOM", "NGA", "ALB"):
        for person in identities(29, 500, country=country):
            assert all(v.kind != "original_script" for v in person.variants)


def test_it_puts_ukrainian_family_names_in_the_form_for_the_sex() -> None:
    rng = random.Random(31)
    assert make_identity(rng, country="UKR", sex="f", family_name="Ivanov").family_name == (
        "Ivanova"
    )
    assert make_identity(rng, country="UKR", sex="m", family_name="Ivanova").family_name == (
        "Ivanov"
    )
    assert make_identity(rng, country="UKR", sex="f", family_name="Kovalskyi").family_name == (
        "Kovalska"
    )
    assert make_identity(rng, country="UKR", sex="f", family_name="Shevchenko").family_name == (
        "Shevchenko"
    )

    for person in identities(37, 3000, country="UKR"):
        if person.sex == "f":
            assert not person.family_name.endswith(("ov", "skyi", "in"))
        elif person.sex == "m":
            assert not person.family_name.endswith(("ova", "ska", "ina"))
        for variant in person.variants:
            if variant.kind == "original_script" and person.sex == "f":
                assert not variant.family_name.endswith(("ов", "ський", "ін"))


def test_it_keeps_a_family_name_it_does_not_know_as_it_is() -> None:
    person = make_identity(random.Random(41), country="RUS", sex="f", family_name="Schmidt")
    assert person.family_name == "Schmidt"


def test_it_refuses_unknown_countries_sexes_and_ages() -> None:
    rng = random.Random(43)
    with pytest.raises(ValueError, match="unknown country"):
        make_identity(rng, country="XKX")
    with pytest.raises(ValueError, match="sex"):
        make_identity(rng, sex="w")
    with pytest.raises(ValueError, match="age range"):
        make_identity(rng, age_range=(40, 30))
    with pytest.raises(ValueError, match="blank"):
        make_identity(rng, family_name="  ")


def test_it_never_gives_an_empty_name() -> None:
    for person in identities(47, 5000):
        for given, family in (
            (person.given_names, person.family_name),
            *((v.given_names, v.family_name) for v in person.variants),
        ):
            assert given.strip() == given and given
            assert family.strip() == family and family
            assert "  " not in given and "  " not in family
        assert person.birth_place in BIRTH_PLACES[person.country]
        assert person.sex in ("f", "m", "x")
        assert set(person.languages) <= {*COUNTRIES[person.country].languages, "en"}


def test_it_makes_households_whose_children_are_younger_than_their_parents() -> None:
    rng = random.Random(53)
    shapes: set[tuple[int, bool]] = set()
    for _ in range(2000):
        household = make_household(rng)
        assert household[0][1] == "head"
        assert [rel for _, rel in household].count("head") == 1
        assert all(rel in RELATIONSHIPS for _, rel in household)
        assert len({person.country for person, _ in household}) == 1
        parents = [p for p, rel in household if rel in ("head", "spouse")]
        children = [p for p, rel in household if rel == "child"]
        shapes.add((len(parents), bool(children)))
        for child in children:
            assert child.family_name in {p.family_name for p in parents} or (
                child.country in ("UKR", "RUS", "MKD")
            )
            if child.birth_date is not None:
                assert age_on(child.birth_date, DEFAULT_TODAY) <= 26
                for parent in parents:
                    if parent.birth_date is not None:
                        assert parent.birth_date < child.birth_date, household
    assert shapes == {(1, False), (1, True), (2, False), (2, True)}


def test_it_gives_ukrainian_household_members_the_gendered_family_name() -> None:
    rng = random.Random(59)
    checked = 0
    while checked < 20:
        household = make_household(rng, country="UKR")
        head = household[0][0]
        if not head.family_name.endswith(("ov", "ova", "skyi", "ska", "in", "ina")):
            continue
        checked += 1
        for person, relationship in household:
            if relationship in ("head", "spouse", "child", "sibling") and person.sex != "x":
                feminine = person.family_name.endswith(("ova", "ska", "ina"))
                assert feminine == (person.sex == "f"), household
