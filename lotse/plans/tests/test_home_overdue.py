import datetime

import pytest
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.models import Case
from lotse.plans.models import Step
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _overdue(step, days):
    Step.objects.filter(pk=step.pk).update(due_date=TODAY() - datetime.timedelta(days=days))


def _managed_case_with_overdue_steps(caritas, manager, count):
    case = f.case(caritas, managers=(manager,), actor=manager)
    Case.objects.filter(pk=case.pk).update(opened_on=TODAY() - datetime.timedelta(days=90))
    case.refresh_from_db()
    goal = f.goal(case, "work", actor=manager, title="Ausbildung beginnen")
    for index in range(count):
        _overdue(f.step(goal, actor=manager, description=f"Bewerbung {index}"), 5 + index)
    return case


def test_it_lists_overdue_steps_of_my_cases_and_audits_them(
    alice_case, alice, language_goal, login
):
    late = f.step(language_goal, actor=alice, description="Kursanmeldung abgeben")
    _overdue(late, 4)
    f.step(language_goal, actor=alice, description="Noch nicht fällig")
    done = f.step(language_goal, actor=alice, description="Schon erledigt", status="done")
    _overdue(done, 9)
    body = login(alice).get(reverse("core:home")).content.decode()
    assert "Overdue steps" in body
    assert "Kursanmeldung abgeben" in body
    assert "4 days overdue" in body
    assert "Noch nicht fällig" not in body
    assert "Schon erledigt" not in body
    entries = AuditEntry.objects.filter(action=AuditAction.READ, object_type="core.home")
    shown = set().union(*(entry.categories for entry in entries))
    assert {"identity", "education_work"} <= shown
    assert {entry.case_id for entry in entries} == {alice_case.pk}


def test_it_shows_no_section_without_overdue_steps(alice_case, alice, language_goal, login):
    f.step(language_goal, actor=alice)
    assert "Overdue steps" not in login(alice).get(reverse("core:home")).content.decode()


def test_it_leaves_out_cases_i_do_not_manage(caritas, alice, erik, login):
    _managed_case_with_overdue_steps(caritas, erik, 1)
    assert "Overdue steps" not in login(alice).get(reverse("core:home")).content.decode()
    assert "Overdue steps" in login(erik).get(reverse("core:home")).content.decode()


def test_it_keeps_the_query_count_constant(caritas, alice, login, django_assert_max_num_queries):
    client = login(alice)
    _managed_case_with_overdue_steps(caritas, alice, 1)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("core:home"))
    for _ in range(4):
        _managed_case_with_overdue_steps(caritas, alice, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(reverse("core:home")).content.decode()
    assert "Showing the 20 oldest" in body
