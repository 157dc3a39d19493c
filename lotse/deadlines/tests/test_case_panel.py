from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.deadlines.models import Task
from lotse.testing import factories as f


def test_it_shows_the_case_tasks_with_overdue_highlighted(alice, alice_case, login, days):
    f.task(alice_case, alice, title="Bescheid prüfen", due_on=days(-2))
    f.task(alice_case, alice, title="Kita anmelden", due_on=days(4))
    response = login(alice).get(reverse("cases:detail", args=[alice_case.pk]))
    body = response.content.decode()
    assert 'id="tasks-panel"' in body
    assert "Bescheid prüfen" in body and "Kita anmelden" in body
    assert body.count('class="overdue"') == 1
    assert "overdue</span>" in body


def test_it_adds_a_task_by_htmx_without_a_reload(alice, alice_case, login, days):
    client = login(alice)
    response = client.post(
        reverse("deadlines:create", args=[alice_case.pk]),
        {"title": "Termin ABH", "due_on": days(3).isoformat(), "assign_to": f"user:{alice.pk}"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<section id="tasks-panel"')
    assert "Termin ABH" in body and "Follow-up saved." in body
    assert Task.objects.get().assignee == alice


def test_it_shows_errors_at_their_fields_and_saves_nothing(alice, alice_case, login, days):
    client = login(alice)
    response = client.post(
        reverse("deadlines:create", args=[alice_case.pk]),
        {
            "title": "Termin",
            "due_on": days(3).isoformat(),
            "remind_on": days(5).isoformat(),
            "assign_to": f"user:{alice.pk}",
        },
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "The reminder must come on or before the due date." in body
    assert 'aria-invalid="true"' in body
    assert not Task.objects.exists()


def test_it_refuses_an_invalid_date_with_a_clear_message(alice, alice_case, login):
    response = login(alice).post(
        reverse("deadlines:create", args=[alice_case.pk]),
        {"title": "Termin", "due_on": "2026-02-31", "assign_to": f"user:{alice.pk}"},
    )
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert not Task.objects.exists()


def test_it_completes_a_task_by_htmx(alice, alice_case, login, days):
    task = f.task(alice_case, alice, due_on=days(1))
    response = login(alice).post(
        reverse("deadlines:complete", args=[task.pk]),
        {"status": "done", "version": task.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.status == "done"


def test_it_refuses_a_stale_edit_showing_what_changed(alice, erik, alice_case, login, days):
    from lotse.deadlines.actions import do_update_task

    task = f.task(alice_case, alice, due_on=days(2), title="Alt")
    client = login(alice)
    form = client.get(reverse("deadlines:edit", args=[task.pk]))
    assert form.status_code == 200
    do_update_task(erik, task, expected_version=1, title="Von Erik")
    response = client.post(
        reverse("deadlines:edit", args=[task.pk]),
        {
            "title": "Von Alice",
            "due_on": days(2).isoformat(),
            "assign_to": f"user:{alice.pk}",
            "version": 1,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "in the meantime" in body and "Von Erik" in body
    task.refresh_from_db()
    assert task.title == "Von Erik"


def test_a_participant_sees_no_panel_and_cannot_add(alice, bob, jobcentre, alice_case, login, days):
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity", "case_notes"), actor=alice)
    task = f.task(alice_case, alice, title="Interne Notiz", due_on=days(1))
    client = login(bob)
    page = client.get(reverse("cases:detail", args=[alice_case.pk]))
    assert page.status_code == 200
    assert "tasks-panel" not in page.content.decode()
    assert "Interne Notiz" not in page.content.decode()
    before = AuditEntry.objects.exclude(action="read").count()
    create = client.post(
        reverse("deadlines:create", args=[alice_case.pk]),
        {"title": "x", "due_on": days(1).isoformat(), "assign_to": f"user:{bob.pk}"},
    )
    complete = client.post(reverse("deadlines:complete", args=[task.pk]), {"status": "done"})
    assert create.status_code == 404 and complete.status_code == 404
    assert AuditEntry.objects.exclude(action="read").count() == before
