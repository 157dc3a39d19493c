"""The start page's section of the user's own dormant cases."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.contacts.tests.helpers import opened_weeks_ago
from lotse.deadlines.tests.test_home import HOME_QUERIES
from lotse.testing import factories as f

# With dormant cases to show, the section costs one query more than without
# (their last contacts); the empty check is counted in HOME_QUERIES.
HOME_QUERIES_WITH_DORMANT = HOME_QUERIES + 1


def _dormant(caritas, manager, weeks=20, contact_weeks_ago=None):
    case = opened_weeks_ago(f.case(caritas, managers=(manager,), actor=manager), weeks)
    if contact_weeks_ago is not None:
        day = timezone.localdate() - datetime.timedelta(weeks=contact_weeks_ago)
        f.contact(case, manager, occurred_on=day)
    return case


def test_it_shows_my_cases_without_contact_and_nothing_else(caritas, alice, erik, login):
    silent = _dormant(caritas, alice)
    old_contact = _dormant(caritas, alice, weeks=30, contact_weeks_ago=14)
    recent = _dormant(caritas, alice, weeks=30, contact_weeks_ago=2)
    eriks = _dormant(caritas, erik)
    body = login(alice).get(reverse("core:home")).content.decode()
    assert "My dormant cases" in body
    section = body.split('id="home-dormant"')[1].split("</section>")[0]
    assert silent.reference in section and old_contact.reference in section
    assert silent.person.display_name in section
    # Erik's case is dormant too, but it is his to call: the full list shows it.
    assert recent.reference not in section and eriks.reference not in section
    assert reverse("contacts:dormant") in section


def test_it_leaves_the_section_out_when_nothing_is_dormant(caritas, alice, login):
    f.case(caritas, managers=(alice,), actor=alice)
    body = login(alice).get(reverse("core:home")).content.decode()
    assert 'id="home-dormant"' not in body


def test_it_follows_the_configured_weeks(caritas, alice, login, settings):
    case = _dormant(caritas, alice, weeks=5)
    client = login(alice)
    settings.LOTSE_DORMANT_WEEKS = 12
    assert 'id="home-dormant"' not in client.get(reverse("core:home")).content.decode()
    settings.LOTSE_DORMANT_WEEKS = 4
    body = client.get(reverse("core:home")).content.decode()
    assert case.reference in body.split('id="home-dormant"')[1]


def test_it_records_the_persons_shown_as_reads(caritas, alice, login):
    case = _dormant(caritas, alice)
    login(alice).get(reverse("core:home"))
    reads = AuditEntry.objects.filter(action="read", object_type="core.home", case_id=case.pk)
    assert reads.exists()
    assert {"identity", "case_notes"} <= set(reads.latest("id").categories)


@pytest.mark.parametrize("count", [2, 14])
def test_it_keeps_the_start_page_queries_constant(
    caritas, alice, login, django_assert_max_num_queries, count
):
    cases = [
        _dormant(caritas, alice, contact_weeks_ago=13 if i % 2 else None) for i in range(count)
    ]
    client = login(alice)
    with django_assert_max_num_queries(HOME_QUERIES_WITH_DORMANT):
        body = client.get(reverse("core:home")).content.decode()
    assert cases[0].reference in body.split('id="home-dormant"')[1]
