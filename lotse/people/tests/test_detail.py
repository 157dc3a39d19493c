import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.cases.actions import do_open_case
from lotse.people.actions import do_add_detail
from lotse.people.models import (
    Address,
    ContactDetail,
    Household,
    HouseholdMembership,
    LanguageSkill,
    NameSpelling,
    Nationality,
    OfficeIdentifier,
)
from lotse.people.tests.conftest import SECRET_PHONE, SECRET_STREET
from lotse.testing import factories as f

TABS = ("people:detail", "people:cases", "people:consents", "people:household", "people:audit")


@pytest.mark.parametrize("tab", TABS)
def test_it_answers_404_to_outsiders_and_for_missing_persons(
    client, login, shared_case, carol, tab
):
    login(carol)
    assert client.get(reverse(tab, args=[shared_case.person_id])).status_code == 404
    assert client.get(reverse(tab, args=[shared_case.person_id + 999])).status_code == 404


def test_it_shows_the_owner_every_block(client, login, shared_case, alice):
    login(alice)
    body = client.get(reverse("people:detail", args=[shared_case.person_id])).content.decode()
    assert "Haddad, Amina" in body
    assert SECRET_STREET in body and SECRET_PHONE in body
    assert 'class="withheld"' not in body
    assert reverse("people:edit", args=[shared_case.person_id]) in body


def test_it_withholds_categories_not_released_to_a_participant(client, login, shared_case, bob):
    login(bob)
    response = client.get(reverse("people:detail", args=[shared_case.person_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Haddad, Amina" in body
    assert SECRET_STREET not in body and SECRET_PHONE not in body
    assert body.count('class="withheld"') == 1
    assert reverse("people:edit", args=[shared_case.person_id]) not in body
    household = client.get(reverse("people:household", args=[shared_case.person_id]))
    assert 'class="withheld"' in household.content.decode()


def test_it_hides_the_name_when_identity_is_not_released(
    client, login, caritas, jobcentre, alice, bob
):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("residence",), actor=alice)
    login(bob)
    body = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert "Haddad" not in body and "Amina" not in body
    assert f"Person no. {case.person_id}" in body


def test_it_records_each_read_with_the_categories_displayed(client, login, shared_case, alice, bob):
    pk = shared_case.person_id
    login(bob)
    client.get(reverse("people:detail", args=[pk]))
    reads = AuditEntry.objects.filter(person_id=pk, action="read")
    assert reads.count() == 1
    entry = reads.get()
    assert entry.actor == bob
    assert entry.categories == frozenset({"identity"})
    login(alice)
    client.get(reverse("people:detail", args=[pk]))
    assert reads.order_by("-id").first().categories == frozenset({"identity", "contact"})
    client.get(reverse("people:household", args=[pk]))
    assert reads.order_by("-id").first().categories == frozenset({"identity", "family"})
    assert reads.count() == 3


def test_it_marks_the_active_tab(client, login, shared_case, alice):
    login(alice)
    url = reverse("people:cases", args=[shared_case.person_id])
    body = client.get(url).content.decode()
    assert f'href="{url}" aria-current="page"' in body
    assert body.count('aria-current="page"') == 1
    assert reverse("people:audit", args=[shared_case.person_id]) not in body


def test_it_shows_a_participant_only_the_cases_it_takes_part_in(
    client, login, shared_case, drk, carol, bob
):
    other = do_open_case(carol, shared_case.person, organisation=drk, programme="mbe")
    login(bob)
    response = client.get(reverse("people:cases", args=[shared_case.person_id]))
    assert [c.pk for c in response.context["cases"]] == [shared_case.pk]
    assert other.reference not in response.content.decode()
    login(carol)
    response = client.get(reverse("people:cases", args=[shared_case.person_id]))
    assert [c.pk for c in response.context["cases"]] == [other.pk]


def test_it_links_household_members_only_when_visible(client, login, caritas, drk, alice, carol):
    case = f.case(caritas, managers=(alice,), actor=alice)
    child = f.person(caritas, alice, given_names="Yara", family_name="Haddad")
    stranger = f.person(drk, carol, given_names="Karim", family_name="Nasser")
    home = Household.objects.create(label="Familie Haddad")
    for person, relationship in ((case.person, "head"), (child, "child"), (stranger, "spouse")):
        HouseholdMembership.objects.create(household=home, person=person, relationship=relationship)
    login(alice)
    body = client.get(reverse("people:household", args=[case.person_id])).content.decode()
    assert reverse("people:detail", args=[child.pk]) in body
    assert "Haddad, Yara" in body
    assert "Nasser" not in body and reverse("people:detail", args=[stranger.pk]) not in body
    assert "Spouse or partner" in body and "Not released" in body


def _fill(alice, person, count, issuer):
    for i in range(count):
        do_add_detail(
            alice,
            Address(
                person=person,
                street=f"Weg {i}",
                place="X",
                valid_from=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            ),
        )
        do_add_detail(alice, ContactDetail(person=person, kind="phone", value=f"0{i}"))
        do_add_detail(alice, NameSpelling(person=person, family_name=f"H{i}", kind="alias"))
        do_add_detail(alice, Nationality(person=person, country=f"A{chr(65 + i)}A"))
        do_add_detail(alice, LanguageSkill(person=person, language=f"a{chr(97 + i)}", level="A1"))
        do_add_detail(
            alice,
            OfficeIdentifier(
                person=person, kind="other", value=f"{person.pk}-{i}", issued_by=issuer
            ),
        )


@pytest.mark.parametrize("tab", TABS[:4])
def test_it_keeps_the_query_count_constant_on_each_tab(
    client, login, caritas, jobcentre, alice, django_assert_max_num_queries, tab
):
    small = f.case(caritas, managers=(alice,), actor=alice)
    large = f.case(caritas, f.person(caritas, alice), managers=(alice,), actor=alice)
    _fill(alice, small.person, 1, jobcentre)
    _fill(alice, large.person, 8, jobcentre)
    for case in (small, large):
        for _ in range(2 if case is small else 5):
            f.consent(case, [jobcentre], ("identity",), actor=alice)
    login(alice)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(tab, args=[small.person_id]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(tab, args=[large.person_id]))
    assert response.status_code == 200
    assert len(few.captured_queries) <= 25
