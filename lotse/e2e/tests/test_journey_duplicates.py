"""The data-protection officer reviews a duplicate in German: compares the evidence,
merges the two records, finds the survivor under both names, and undoes the merge."""

import pytest

from lotse.dedupe.models import DuplicateCandidate, MergeRecord
from lotse.people.actions import do_add_detail
from lotse.people.models import NameSpelling, Person
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


def test_it_lets_dora_merge_a_duplicate_and_undo_it(journey, caritas, alice, dora):
    amina = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    f.case(caritas, amina, managers=(alice,), actor=alice)
    hadad = f.person(caritas, alice, given_names="Amina", family_name="Hadad", birth_place="Aleppo")
    do_add_detail(
        alice,
        NameSpelling(person=hadad, given_names="أمينة", family_name="حداد", kind="original_script"),
    )
    pair = DuplicateCandidate.objects.create(person_a=amina, person_b=hadad, score=0.96)
    page = journey.page

    journey.sign_in("dora")
    journey.follow(journey.nav_link("/duplicates/"))
    evidence = journey.text()
    assert "Haddad, Amina" in evidence and "Hadad, Amina" in evidence
    assert "Aleppo" in evidence and "حداد" in evidence

    page.check(f'input[name=survivor][value="{amina.pk}"]')
    journey.follow(page.locator(f'form[action="/duplicates/pairs/{pair.pk}/merge/"] button'))
    assert page.url.endswith(f"/people/{amina.pk}/")
    survivor_page = journey.text()
    assert "Hadad" in survivor_page and "حداد" in survivor_page
    assert Person.objects.get(pk=hadad.pk).merged_into_id == amina.pk

    journey.open("/duplicates/")
    merge = MergeRecord.objects.get()
    journey.follow(page.locator(f'form[action="/duplicates/merges/{merge.pk}/undo/"] button'))
    assert Person.objects.get(pk=hadad.pk).merged_into_id is None
    # The pair is open again, and both records have their own pages.
    assert page.locator(f'form[action="/duplicates/pairs/{pair.pk}/merge/"]').count() == 1
    journey.open(f"/people/{hadad.pk}/")
    assert "Hadad" in journey.text("h1")
    journey.open(f"/people/{amina.pk}/")
    assert "Hadad" not in journey.text()
