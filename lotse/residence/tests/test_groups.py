"""Target groups across visible persons, their filters and the XLSX export."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lotse.audit.models import AuditEntry
from lotse.residence.actions import do_add_row, do_save_facts
from lotse.residence.deadlines import add_months
from lotse.residence.groups import target_group
from lotse.residence.models import LanguageCertificate
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
PERSONS = 4


@pytest.fixture
def today():
    return timezone.localdate()


def integrated(person, actor):
    """Everything § 25b asks for besides the period of stay."""
    do_save_facts(
        actor,
        person,
        identity_deception=False,
        fdgo_commitment=True,
        civic_knowledge=True,
        livelihood_secured=True,
        children_complete=True,
        convictions_complete=True,
        benefits_complete=True,
    )
    do_add_row(
        actor,
        LanguageCertificate(
            person=person, level="A2", oral_only=True, issued_on=datetime.date(2021, 6, 30)
        ),
    )


def test_it_finds_the_tolerated_who_meet_25b_now(person, alice, bob, carol, today):
    f.status_period(person, alice, valid_from=datetime.date(2016, 1, 1))
    integrated(person, alice)
    rows = target_group(alice, "25b_now", today=today)
    assert [(r.person_id, r.outcome) for r in rows] in (
        [(person.pk, "likely_met")],
        [(person.pk, "discretionary")],
    )
    assert [r.person_id for r in target_group(bob, "25b_now", today=today)] == [person.pk]
    assert target_group(carol, "25b_now", today=today) == []


def test_it_finds_who_reaches_the_25b_period_within_6_months(person, alice, today):
    start = add_months(today, -72 + 3)
    f.status_period(person, alice, valid_from=start)
    integrated(person, alice)
    (row,) = target_group(alice, "25b_within_6_months", today=today)
    assert row.due == add_months(start, 72)
    assert target_group(alice, "25b_now", today=today) == []


def test_it_finds_104c_permits_ending_within_3_months(person, alice, caritas, today):
    ending = f.person(caritas, alice, family_name="Endet")
    f.status_period(
        ending,
        alice,
        kind="aufenthaltserlaubnis",
        paragraph="104c AufenthG",
        valid_from=add_months(today, -16),
    )
    f.status_period(
        person,
        alice,
        kind="aufenthaltserlaubnis",
        paragraph="104c AufenthG",
        valid_from=add_months(today, -2),
    )
    rows = target_group(alice, "104c_ending", today=today)
    assert [r.person_id for r in rows] == [ending.pk]
    assert rows[0].due == add_months(add_months(today, -16), 18) - datetime.timedelta(days=1)


def test_it_filters_by_office_and_case_manager(person, alice, caritas, drk, today):
    f.status_period(person, alice, valid_from=datetime.date(2016, 1, 1))
    integrated(person, alice)
    assert target_group(alice, "25b_now", today=today, organisation_id=drk.pk) == []
    assert len(target_group(alice, "25b_now", today=today, organisation_id=caritas.pk)) == 1
    colleague = f.staff(caritas, username="eva")
    assert target_group(alice, "25b_now", today=today, manager_id=colleague.pk) == []
    assert len(target_group(alice, "25b_now", today=today, manager_id=alice.pk)) == 1


def test_the_page_lists_and_exports_with_an_audit_entry_per_person(
    client, login, person, alice, today
):
    f.status_period(person, alice, valid_from=datetime.date(2016, 1, 1))
    integrated(person, alice)
    login(alice)
    page = client.get(reverse("residence:groups"), {"group": "25b_now"})
    assert page.status_code == 200 and person.display_name in page.content.decode()
    export = client.get(reverse("residence:groups"), {"group": "25b_now", "format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == (person.pk, person.family_name, person.given_names)
    entry = AuditEntry.objects.get(action="export", object_type="residence.targetgroup")
    assert entry.person_id == person.pk and entry.categories == {"identity", "residence"}


def test_an_unknown_group_shows_the_form_error(client, login, alice):
    login(alice)
    page = client.get(reverse("residence:groups"), {"group": "everyone"})
    assert page.status_code == 200 and 'aria-invalid="true"' in page.content.decode()


def test_the_page_costs_a_fixed_number_of_queries(
    client, login, caritas, alice, django_assert_max_num_queries
):
    for number in range(PERSONS):
        someone = f.person(caritas, alice, family_name=f"Gruppe{number}")
        f.case(caritas, someone, managers=(alice,), actor=alice)
        f.status_period(someone, alice, valid_from=datetime.date(2016, 1, 1))
        integrated(someone, alice)
    login(alice)
    client.get(reverse("residence:groups"), {"group": "25b_now"})
    with django_assert_max_num_queries(26):
        page = client.get(reverse("residence:groups"), {"group": "25b_now"})
    assert all(f"Gruppe{number}" in page.content.decode() for number in range(PERSONS))
