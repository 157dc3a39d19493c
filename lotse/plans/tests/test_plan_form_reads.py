"""A plan form that shows stored values is a read of them, audited with the row's
category; a form for something new shows nothing stored and records no read of a row."""

import datetime

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.plans.actions import do_record_agreement, plan_for
from lotse.plans.models import IntegrationPlan
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


def _reads(actor, object_type):
    return list(AuditEntry.objects.filter(actor=actor, action="read", object_type=object_type))


def test_it_audits_opening_a_goal_form_as_a_read_of_the_goal(health_goal, alice, login):
    client = login(alice)
    for name in ("plans:goal_edit", "plans:goal_review", "plans:step_add"):
        assert client.get(reverse(name, args=[health_goal.pk])).status_code == 200
    reads = _reads(alice, "plans.goal")
    assert len(reads) == 3
    for entry in reads:
        assert entry.object_id == str(health_goal.pk)
        assert entry.case_id == health_goal.case_id
        assert entry.person_id == health_goal.case.person_id
        assert set(entry.categories) == {"health"}


def test_it_audits_opening_a_step_form_as_a_read_of_the_step(health_goal, alice, login):
    step = f.step(health_goal, actor=alice)
    response = login(alice).get(reverse("plans:step_edit", args=[step.pk]))
    assert response.status_code == 200
    [entry] = _reads(alice, "plans.step")
    assert entry.object_id == str(step.pk)
    assert set(entry.categories) == {"health"}


def test_it_audits_a_form_refused_as_stale_again(language_goal, alice, erik, login):
    seen = plan_for(language_goal.case).version
    f.step(language_goal, actor=erik)
    response = login(alice).post(
        reverse("plans:step_add", args=[language_goal.pk]),
        {
            "version": seen,
            "description": "Termin bei der Beratungsstelle",
            "responsible_kind": "person",
            "due_date": (datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "Someone else changed this plan" in response.content.decode()
    assert len(_reads(alice, "plans.goal")) == 1


def test_it_records_no_read_of_a_row_for_a_new_goal(alice_case, alice, login):
    response = login(alice).get(reverse("plans:goal_add", args=[alice_case.pk]))
    assert response.status_code == 200
    assert _reads(alice, "plans.goal") == []
    assert _reads(alice, "plans.integrationplan") == []


def test_it_audits_the_agreement_form_only_once_a_plan_is_stored(alice_case, alice, login):
    client = login(alice)
    url = reverse("plans:agreement", args=[alice_case.pk])
    assert not IntegrationPlan.objects.filter(case=alice_case).exists()
    assert client.get(url).status_code == 200
    assert _reads(alice, "plans.integrationplan") == []

    f.goal(alice_case, "language", actor=alice)
    plan = plan_for(alice_case)
    do_record_agreement(alice, alice_case, agreed_on=alice_case.opened_on, agreement_form="signed")
    assert client.get(url).status_code == 200
    [entry] = _reads(alice, "plans.integrationplan")
    assert entry.object_id == str(plan.pk)
    assert set(entry.categories) == {"case_notes"}
