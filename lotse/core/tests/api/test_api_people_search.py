"""The API's person search: any spelling, best match first, a hint for too short a query."""

from lotse.testing import factories as f


def test_it_finds_variant_spellings_best_first(caritas, alice, api):
    best = f.person(caritas, alice, given_names="Yusuf", family_name="Al-Hassan")
    near = f.person(caritas, alice, given_names="Yusuf", family_name="Hassani")
    f.person(caritas, alice, given_names="Omar", family_name="Karimi")
    rows = api(alice).get("people/", {"q": "Hassan Jusuf"}).json()["results"]
    assert [r["id"] for r in rows][:2] == [best.pk, near.pk]
    assert len(rows) == 2


def test_it_finds_a_latin_record_by_arabic_script(caritas, alice, api):
    person = f.person(caritas, alice, given_names="Mohammed", family_name="Karimi")
    rows = api(alice).get("people/", {"q": "محمد كريمي"}).json()["results"]
    assert [r["id"] for r in rows] == [person.pk]


def test_it_answers_400_for_less_than_two_letters(caritas, alice, api):
    response = api(alice).get("people/", {"q": "a-"})
    assert response.status_code == 400
    assert response.json() == {"q": ["Enter at least 2 letters."]}


def test_it_never_finds_persons_of_other_organisations(caritas, drk, alice, carol, api):
    f.person(drk, carol, given_names="Yusuf", family_name="Al-Hassan")
    assert api(alice).get("people/", {"q": "Yusuf Hassan"}).json()["count"] == 0
