"""Assessment per life area: history kept, current picture shown, categories respected."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.actions import do_close_case
from lotse.cases.tests.test_case_detail import DETAIL_QUERIES
from lotse.core.errors import StaleObject
from lotse.intake.models import AssessmentEntry
from lotse.testing import factories as f

TODAY = timezone.localdate


def _post(client, case, **fields):
    data = {"assessed_on": TODAY().isoformat(), "priority": "high", **fields}
    return client.post(reverse("intake:assess", args=[case.pk]), data)


def test_it_assesses_a_life_area_and_audits_it_as_its_category(alice_case, alice, login):
    response = _post(
        login(alice), alice_case, life_area="health", situation="Rückenschmerzen", needs="Arzt"
    )
    assert response.url == reverse("cases:detail", args=[alice_case.pk])
    entry = AssessmentEntry.objects.get()
    assert (entry.life_area.code, entry.priority, entry.is_current) == ("health", "high", True)
    audit = AuditEntry.objects.get(object_type="intake.assessmententry", action="create")
    assert list(audit.categories) == ["health"]
    assert audit.case_id == alice_case.pk


def test_it_keeps_the_history_on_reassessment(alice_case, alice, login):
    first = f.assessment(alice_case, "language", alice, priority="high", situation="A1")
    client = login(alice)
    form = client.get(reverse("intake:assess", args=[alice_case.pk]), {"area": "language"})
    # The re-assessment starts from the current picture.
    assert form.context["form"].initial["situation"] == "A1"
    assert form.context["form"].initial["based_on"] == first.pk
    _post(
        client,
        alice_case,
        life_area="language",
        situation="B1 erreicht",
        priority="low",
        based_on=first.pk,
    )
    first.refresh_from_db()
    second = AssessmentEntry.objects.get(is_current=True)
    assert first.is_current is False and second.previous == first
    page = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert "B1 erreicht" in page and "(lowered)" in page
    history = client.get(reverse("intake:assessment_history", args=[alice_case.pk]))
    assert [e.situation for _a, entries in history.context["groups"] for e in entries] == [
        "B1 erreicht",
        "A1",
    ]


def test_it_refuses_a_reassessment_based_on_an_old_entry(alice_case, alice, erik, login):
    first = f.assessment(alice_case, "work", alice, situation="Sucht Arbeit")
    f.assessment(alice_case, "work", erik, situation="Praktikum begonnen", priority="low")
    response = _post(
        login(alice), alice_case, life_area="work", situation="Meine Sicht", based_on=first.pk
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Meanwhile" in errors and "Low" in errors
    assert response.context["conflict"].situation == "Praktikum begonnen"
    assert "Praktikum begonnen" in response.content.decode()
    assert AssessmentEntry.objects.filter(situation="Meine Sicht").count() == 0
    # The form now carries the current entry: sending again is a conscious re-assessment.
    assert response.context["form"]["based_on"].value() == str(
        AssessmentEntry.objects.get(is_current=True).pk
    )


def test_it_refuses_a_first_assessment_when_a_colleague_was_faster(alice_case, alice, erik):
    f.assessment(alice_case, "housing", erik)
    with pytest.raises(StaleObject):
        f.assessment(alice_case, "housing", alice, based_on=None)
    assert AssessmentEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"assessed_on": "2999-01-01"}, "assessed_on", "in the future"),
        ({"assessed_on": "2000-01-01"}, "assessed_on", "before the case was opened"),
        ({"situation": "", "needs": "", "resources": ""}, "situation", "at least"),
        ({"priority": "urgent"}, "priority", ""),
        ({"life_area": "moon"}, "life_area", ""),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(alice_case, alice, login, fields, field, message):
    data = {"life_area": "language", "situation": "A2", **fields}
    response = _post(login(alice), alice_case, **data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not AssessmentEntry.objects.exists()


def test_it_refuses_a_reassessment_dated_before_the_previous_one(alice_case, alice, login):
    first = f.assessment(alice_case, "language", alice)
    earlier = (TODAY() - datetime.timedelta(days=1)).isoformat()
    alice_case.opened_on = TODAY() - datetime.timedelta(days=10)
    alice_case.save(update_fields=["opened_on"])
    response = _post(
        login(alice),
        alice_case,
        life_area="language",
        situation="x",
        assessed_on=earlier,
        based_on=first.pk,
    )
    assert "before the previous one" in str(response.context["form"].errors["assessed_on"])
    assert AssessmentEntry.objects.count() == 1


def test_it_refuses_to_assess_a_closed_case(alice_case, alice, login):
    do_close_case(alice, alice_case, reason="moved_away")
    response = _post(login(alice), alice_case, life_area="language", situation="x")
    assert response.status_code == 302
    assert not AssessmentEntry.objects.exists()


def test_it_shows_a_participant_only_the_released_life_areas(
    alice_case, jobcentre, alice, bob, login
):
    f.assessment(alice_case, "residence", alice, situation="Duldung bis März")
    f.assessment(alice_case, "health", alice, situation="Psychosoziale Beratung")
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity", "residence"), actor=alice)
    client = login(bob)
    page = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert "Duldung bis März" in page and "Psychosoziale Beratung" not in page
    read = AuditEntry.objects.filter(action=AuditAction.READ, actor_id=bob.pk).latest("id")
    assert "residence" in read.categories and "health" not in read.categories
    history = client.get(reverse("intake:assessment_history", args=[alice_case.pk]))
    content = history.content.decode()
    assert "Duldung bis März" in content and "Psychosoziale Beratung" not in content
    assert client.get(reverse("intake:assess", args=[alice_case.pk])).status_code == 404


def test_it_hides_every_assessment_from_an_outsider(alice_case, alice, carol, login):
    f.assessment(alice_case, "residence", alice)
    assert AssessmentEntry.objects.visible_to(carol).count() == 0
    response = login(carol).get(reverse("intake:assessment_history", args=[alice_case.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("areas", [1, 8])
def test_it_shows_the_case_page_with_a_constant_number_of_queries(
    alice_case, alice, login, django_assert_max_num_queries, areas
):
    codes = [
        "residence",
        "language",
        "education",
        "work",
        "livelihood",
        "housing",
        "health",
        "family",
    ][:areas]
    for code in codes:
        f.assessment(alice_case, code, alice)
        f.assessment(alice_case, code, alice, priority="high")
    client = login(alice)
    client.get(reverse("cases:detail", args=[alice_case.pk]))
    with django_assert_max_num_queries(DETAIL_QUERIES):
        client.get(reverse("cases:detail", args=[alice_case.pk]))
    with django_assert_max_num_queries(15):
        client.get(reverse("intake:assessment_history", args=[alice_case.pk]))
