"""Deadlines from the status history: per person (pure) and across visible persons."""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from lotse.residence.deadlines import add_months, chancen_end, deadlines_for_person
from lotse.residence.queries import upcoming_deadlines
from lotse.testing import factories as f

TODAY = datetime.date(2026, 11, 21)


@dataclass
class Period:
    kind: str
    valid_from: datetime.date
    valid_until: datetime.date | None = None
    paragraph: str = ""
    pk: int | None = None


def kinds(periods, *, birth_date=None, lead_days=56, today=TODAY):
    found = deadlines_for_person(
        1, periods, birth_date=birth_date, today=today, lead_days=lead_days
    )
    return [(d.kind, d.due) for d in found]


def test_it_adds_months_at_month_ends():
    assert add_months(datetime.date(2024, 8, 31), 18) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 1, 15), -13) == datetime.date(2022, 12, 15)


def test_it_lists_the_expiry_of_the_latest_period_within_the_lead_time():
    due = TODAY + datetime.timedelta(days=30)
    assert kinds([Period("duldung", datetime.date(2026, 6, 1), due)]) == [("duldung_expires", due)]
    assert kinds([Period("duldung", datetime.date(2026, 6, 1), due)], lead_days=29) == []


def test_a_recorded_follow_up_period_means_no_expiry():
    end = TODAY + datetime.timedelta(days=10)
    periods = [
        Period("duldung", datetime.date(2026, 6, 1), end),
        Period("duldung", end + datetime.timedelta(days=1), None),
    ]
    assert kinds(periods) == []


def test_a_104c_permit_ends_after_18_months_whatever_its_end_date_says():
    start = datetime.date(2025, 6, 1)
    permit = Period("aufenthaltserlaubnis", start, None, "104c AufenthG")
    assert chancen_end(permit) == datetime.date(2026, 11, 30)
    assert kinds([permit]) == [("chancen_end", datetime.date(2026, 11, 30))]


def test_the_25a_age_limit_is_listed_while_tolerated():
    birth = datetime.date(1999, 12, 10)
    tolerated = [Period("duldung", datetime.date(2020, 1, 1))]
    assert kinds(tolerated, birth_date=birth) == [
        ("young_person_age_limit", datetime.date(2026, 12, 9))
    ]
    settled = [Period("niederlassungserlaubnis", datetime.date(2020, 1, 1))]
    assert kinds(settled, birth_date=birth) == []


def test_past_deadlines_are_not_upcoming():
    assert (
        kinds([Period("duldung", datetime.date(2026, 1, 1), TODAY - datetime.timedelta(1))]) == []
    )


@pytest.mark.django_db
def test_the_list_across_persons_follows_visibility(person, alice, bob, carol, caritas):
    due = datetime.date.today() + datetime.timedelta(days=20)
    f.status_period(person, alice, valid_from=datetime.date(2025, 1, 1), valid_until=due)
    stranger = f.person(caritas, alice, family_name="Fremd")
    f.status_period(stranger, alice, valid_from=datetime.date(2025, 1, 1), valid_until=due)
    today = datetime.date.today()
    mine = upcoming_deadlines(alice, today=today, lead_days=56, mine=True)
    assert [(i.deadline.person_id, i.person.pk) for i in mine] == [(person.pk, person.pk)]
    assert len(upcoming_deadlines(alice, today=today, lead_days=56)) == 2
    assert [i.deadline.person_id for i in upcoming_deadlines(bob, today=today, lead_days=56)] == [
        person.pk
    ]
    assert upcoming_deadlines(carol, today=today, lead_days=56) == []


@pytest.mark.django_db
def test_the_deadline_page_lists_and_costs_a_fixed_number_of_queries(
    client, login, caritas, alice, django_assert_max_num_queries
):
    today = datetime.date.today()
    for number in range(5):
        someone = f.person(caritas, alice, family_name=f"Frist{number}")
        f.status_period(
            someone,
            alice,
            valid_from=datetime.date(2025, 1, 1),
            valid_until=today + datetime.timedelta(days=number + 1),
        )
    login(alice)
    client.get(reverse("residence:deadlines"))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("residence:deadlines"), {"lead_days": "10"})
    body = response.content.decode()
    assert all(f"Frist{number}" in body for number in range(5))
    bad = client.get(reverse("residence:deadlines"), {"lead_days": "0"})
    assert bad.status_code == 200 and "Frist0" not in bad.content.decode()
