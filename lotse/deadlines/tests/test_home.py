import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.testing import factories as f

# Session, user, device, memberships, core's own list, the phase counts, the
# team ids, one task query (three buckets and their counts), the caseload check,
# the audit append for the page (savepoint, lock, insert, head, release) and the
# session save: 16, the same for 2 tasks as for 12; one for the plans'
# overdue-steps section (lotse.plans); one for the dormant-cases section
# (lotse.contacts), which asks one more only when it has cases to show; one for
# the upcoming case conferences (lotse.conferences); two for the referral sections
# (lotse.referrals: the inbox's new referrals, the sender's unanswered ones).
HOME_QUERIES = 21


@pytest.mark.parametrize("count", [2, 12])
def test_it_shows_due_tasks_with_a_constant_number_of_queries(
    caritas, alice, login, days, django_assert_max_num_queries, count
):
    for i in range(count):
        case = f.case(caritas, managers=(alice,), actor=alice)
        f.task(case, alice, title=f"Aufgabe {i}", due_on=days(i % 3 - 1))
    client = login(alice)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(reverse("core:home"))
    body = response.content.decode()
    assert "Overdue (" in body and "Due today (" in body
    assert "Aufgabe 0" in body and "Aufgabe 1" in body


def test_it_lists_only_the_users_and_their_teams_tasks(
    caritas, alice_in_nord, erik, team_nord, login, days
):
    case = f.case(caritas, managers=(alice_in_nord, erik), actor=alice_in_nord)
    f.task(case, erik, title="Eriks Aufgabe", due_on=days(0))
    f.task(case, team=team_nord, title="Teamaufgabe", due_on=days(0), actor=erik)
    body = login(alice_in_nord).get(reverse("core:home")).content.decode()
    assert "Teamaufgabe" in body
    assert "Eriks Aufgabe" not in body


def test_it_counts_my_cases_by_phase(caritas, alice, login):
    from lotse.cases.actions import do_change_phase

    first = f.case(caritas, managers=(alice,), actor=alice)
    f.case(caritas, managers=(alice,), actor=alice)
    do_change_phase(alice, first, "assessment")
    body = login(alice).get(reverse("core:home")).content.decode()
    assert "My cases by phase" in body
    assert "Clearing / intake</a>: 1" in body and "Assessment</a>: 1" in body


def test_it_records_the_persons_shown_as_reads(alice, alice_case, login, days):
    f.task(alice_case, alice, due_on=days(0))
    login(alice).get(reverse("core:home"))
    read = AuditEntry.objects.filter(action="read", object_type="core.home").latest("id")
    assert read.person_id == alice_case.person_id
    assert "case_notes" in read.categories


def test_it_shows_the_team_lead_the_caseload(caritas, alice_in_nord, erik, tessa, login, days):
    case = f.case(caritas, managers=(erik,), actor=erik)
    f.task(case, erik, due_on=days(-1))
    body = login(tessa).get(reverse("core:home")).content.decode()
    assert "My team&#x27;s caseload" in body or "My team's caseload" in body
    assert erik.display() in body and alice_in_nord.display() in body


def test_office_staff_without_cases_see_no_follow_up_section_errors(bob, login):
    response = login(bob).get(reverse("core:home"))
    assert response.status_code == 200
    assert "caseload" not in response.content.decode()


def test_my_follow_ups_page_filters_by_window(caritas, alice, login, days):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.task(case, alice, title="Gestern", due_on=days(-1))
    f.task(case, alice, title="Morgen", due_on=days(30))
    client = login(alice)
    overdue = client.get(reverse("deadlines:mine"), {"due": "overdue"}).content.decode()
    assert "Gestern" in overdue and "Morgen" not in overdue
    every = client.get(reverse("deadlines:mine")).content.decode()
    assert "Gestern" in every and "Morgen" in every
    assert client.get(reverse("deadlines:mine"), {"due": "bogus"}).status_code == 404


def test_it_buckets_due_tasks_with_counts_and_the_nearest_first(caritas, alice, days):
    from lotse.deadlines.queries import due_tasks

    case = f.case(caritas, managers=(alice,), actor=alice)
    for n in range(1, 13):
        f.task(case, alice, title=f"vor {n}", due_on=days(-n))
    f.task(case, alice, title="heute", due_on=days(0))
    f.task(case, alice, title="weit", due_on=days(30))
    due = due_tasks(alice, rows=10)
    assert due.counts["overdue"] == 12 and len(due.overdue) == 10
    assert [t.title for t in due.overdue[:2]] == ["vor 1", "vor 2"]
    assert [t.title for t in due.due_today] == ["heute"] and due.counts["today"] == 1
    assert all(t.title != "weit" for t in due.this_week)
