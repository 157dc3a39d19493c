from django.urls import reverse

from lotse.accounts.choices import Role
from lotse.audit.models import AuditEntry
from lotse.cases.models import CaseManagerAssignment
from lotse.deadlines.models import Task
from lotse.testing import factories as f


def test_the_team_lead_sees_caseload_per_person(caritas, alice_in_nord, erik, tessa, login, days):
    for _ in range(3):
        f.case(caritas, managers=(erik,), actor=erik)
    case = f.case(caritas, managers=(alice_in_nord,), actor=alice_in_nord)
    f.task(case, alice_in_nord, due_on=days(-1))
    response = login(tessa).get(reverse("deadlines:caseload"))
    members = {m.username: m for m in response.context["members"]}
    assert members["erik"].open_cases == 3 and members["erik"].open_tasks == 0
    assert members["alice"].open_cases == 1 and members["alice"].overdue_tasks == 1


def test_it_lists_a_members_cases_with_a_constant_number_of_queries(
    caritas, erik, tessa, login, django_assert_max_num_queries
):
    client = login(tessa)
    for count in (2, 8):
        while CaseManagerAssignment.objects.filter(user=erik).count() < count:
            f.case(caritas, managers=(erik,), actor=erik)
        with django_assert_max_num_queries(17):
            response = client.get(reverse("deadlines:member_cases", args=[erik.pk]))
        assert len(response.context["cases"]) == count


def test_the_team_lead_reassigns_a_case_with_its_open_tasks(
    caritas, alice_in_nord, erik, tessa, login, days
):
    case = f.case(caritas, managers=(erik,), actor=erik)
    task = f.task(case, erik, due_on=days(2))
    response = login(tessa).post(
        reverse("deadlines:reassign", args=[case.pk]),
        {"from_user": erik.pk, "to_user": alice_in_nord.pk},
    )
    assert response.status_code == 302
    assert list(case.managers.all()) == [alice_in_nord]
    assert Task.objects.get(pk=task.pk).assignee == alice_in_nord
    changes = AuditEntry.objects.filter(case_id=case.pk, object_type="cases.case", actor=tessa)
    assert {tuple(c.changes) for c in changes} >= {("managers_added",), ("managers_removed",)}
    assert AuditEntry.objects.filter(object_type="deadlines.task", actor=tessa).exists()


def test_only_a_team_lead_of_the_owning_organisation_reassigns(
    caritas, drk, alice_in_nord, erik, login
):
    case = f.case(caritas, managers=(erik,), actor=erik)
    other_lead = f.staff(drk, Role.TEAM_LEAD, username="lena")
    for user in (alice_in_nord, other_lead):
        response = login(user).post(
            reverse("deadlines:reassign", args=[case.pk]),
            {"from_user": erik.pk, "to_user": alice_in_nord.pk},
        )
        assert response.status_code == 404
    assert list(case.managers.all()) == [erik]
    assert login(alice_in_nord).get(reverse("deadlines:caseload")).status_code == 404


def test_a_team_lead_cannot_hand_a_case_to_someone_outside_the_team(
    caritas, carol, erik, tessa, login
):
    case = f.case(caritas, managers=(erik,), actor=erik)
    response = login(tessa).post(
        reverse("deadlines:reassign", args=[case.pk]),
        {"from_user": erik.pk, "to_user": carol.pk},
    )
    assert response.status_code == 302
    assert list(case.managers.all()) == [erik]
