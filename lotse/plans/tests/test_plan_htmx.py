"""The plan's forms on the case page (HTMX): opened inside the plan panel, saved
without a page reload, refused in place; the same addresses work without JavaScript."""

import datetime

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.cases.models import LifeArea
from lotse.plans.actions import do_update_goal, plan_for
from lotse.plans.models import Goal, Step

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def _goal_data(case, **changes):
    data = {
        "version": plan_for(case).version,
        "life_area": LifeArea.objects.get(code="language").pk,
        "title": "Deutsch B1",
        "success_measure": "Zertifikat",
        "target_date": (datetime.date.today() + datetime.timedelta(days=100)).isoformat(),
    }
    return {**data, **changes}


def test_the_case_page_links_open_the_forms_inside_the_panel(
    alice_case, alice, login, language_goal
):
    body = login(alice).get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert 'id="plan-form-slot"' in body
    for url in (
        reverse("plans:goal_add", args=[alice_case.pk]),
        reverse("plans:goal_edit", args=[language_goal.pk]),
        reverse("plans:step_add", args=[language_goal.pk]),
    ):
        # An ordinary link for a browser without JavaScript, an htmx request otherwise.
        assert f'href="{url}" hx-get="{url}" hx-target="#plan-form-slot"' in body


def test_it_answers_an_htmx_request_with_the_form_alone(alice_case, alice, login):
    url = reverse("plans:goal_add", args=[alice_case.pk])
    response = login(alice).get(url, **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="plan-form"' in body
    assert f'hx-post="{url}"' in body and f'action="{url}"' in body
    # Ids of its own: the case page has other fields called "title" and "note".
    assert 'id="plan-title"' in body and 'id="id_title"' not in body


def test_it_saves_a_goal_and_swaps_in_the_whole_panel(alice_case, alice, login):
    before = AuditEntry.objects.filter(action="read").count()
    response = login(alice).post(
        reverse("plans:goal_add", args=[alice_case.pk]), _goal_data(alice_case), **HX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-panel" and response["HX-Reswap"] == "outerHTML"
    assert body.startswith('<section id="plan-panel"')
    assert "Deutsch B1" in body and "The goal was added." in body
    assert Goal.objects.get().title == "Deutsch B1"
    # The panel shows the plan again: that is a read, recorded.
    read = AuditEntry.objects.filter(action="read").order_by("id")[before:]
    assert any(
        e.object_type == "plans.integrationplan" and e.case_id == alice_case.pk for e in read
    )


def test_it_refuses_bad_input_in_place_and_saves_nothing(language_goal, alice, login):
    response = login(alice).post(
        reverse("plans:step_add", args=[language_goal.pk]),
        {
            "version": plan_for(language_goal.case).version,
            "description": "Kurs suchen",
            "responsible_kind": "",
            "due_date": datetime.date.today().isoformat(),
            "status": "open",
        },
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and "HX-Retarget" not in response
    assert body.startswith('<div id="plan-form"')
    assert "Name who is responsible for this step." in body
    assert 'id="plan-responsible_kind"' in body and 'aria-invalid="true"' in body
    assert not Step.objects.exists()


def test_it_shows_a_stale_save_in_place(language_goal, alice, erik, login):
    case = language_goal.case
    seen = plan_for(case).version
    do_update_goal(erik, language_goal, expected_version=seen, success_measure="B1-Zeugnis")
    response = login(alice).post(
        reverse("plans:goal_edit", args=[language_goal.pk]),
        _goal_data(case, version=seen, title="Deutsch B2"),
        **HX,
    )
    body = response.content.decode()
    assert body.startswith('<div id="plan-form"')
    assert "What changed in the meantime" in body and "B1-Zeugnis" in body
    assert f'value="{seen + 1}"' in body
    assert Goal.objects.get().title != "Deutsch B2"


def test_without_javascript_the_same_address_redirects_to_the_case(alice_case, alice, login):
    client = login(alice)
    page = client.get(reverse("plans:goal_add", args=[alice_case.pk]))
    assert "<html" in page.content.decode() and 'id="id_title"' in page.content.decode()
    response = client.post(reverse("plans:goal_add", args=[alice_case.pk]), _goal_data(alice_case))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{alice_case.pk}/#plan-heading")
    assert Goal.objects.get().title == "Deutsch B1"
