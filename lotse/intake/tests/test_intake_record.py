"""The intake record: decision, indication, consent and the case, all or nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.access.models import AccessGrant, Consent
from lotse.audit.models import AuditEntry
from lotse.cases.models import Case, CasePhaseChange, LifeArea
from lotse.intake.models import IntakeRecord
from lotse.testing import factories as f


def _areas(*codes):
    return [str(pk) for pk in LifeArea.objects.filter(code__in=codes).values_list("pk", flat=True)]


@pytest.fixture
def intake_data(jobcentre):
    return {
        "held_on": timezone.localdate().isoformat(),
        "came_via": "office",
        "came_via_detail": "Jobcenter Musterkreis",
        "first_needs": "Sprachkurs, Arbeit, Wohnung",
        "life_areas": _areas("language", "work", "housing", "health"),
        "providers": [str(jobcentre.pk)],
        "other_provider_count": "1",
        "pathways_failed": "on",
        "agrees_to_case_management": "on",
        "decision": "case_management",
        "programme": "kim",
    }


def _nothing_saved():
    return not IntakeRecord.objects.exists() and not Case.objects.exists()


def test_it_records_the_intake_and_opens_the_case(amina, alice, login, intake_data):
    response = login(alice).post(reverse("intake:record", args=[amina.pk]), intake_data)
    intake = IntakeRecord.objects.get()
    case = intake.case
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert case.person == amina and case.phase == "clearing"
    assert list(case.managers.all()) == [alice]
    assert case.opened_on == intake.held_on
    assert intake.indication(4, 1).met
    assert CasePhaseChange.objects.filter(case=case, from_phase="", to_phase="clearing").exists()
    entry = AuditEntry.objects.filter(object_type="intake.intakerecord").get()
    assert entry.person_id == amina.pk and entry.case_id == case.pk
    assert entry.changes["life_areas"][1] == ["health", "housing", "language", "work"]


def test_it_shows_the_intake_on_the_case_page(amina, alice, login, intake_data):
    client = login(alice)
    client.post(reverse("intake:record", args=[amina.pk]), intake_data)
    case = Case.objects.get()
    content = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="intake-panel"' in content
    assert "Sprachkurs, Arbeit, Wohnung" in content
    assert "Case management is indicated." in content


def test_it_records_the_release_with_the_intake(amina, alice, bob, jobcentre, login, intake_data):
    text = f.consent_text()
    data = {
        **intake_data,
        "record_consent": "on",
        "consent-text": str(text.pk),
        "consent-purpose": "Abstimmung mit dem Jobcenter",
        "consent-recipients": [str(jobcentre.pk)],
        "consent-categories": ["identity", "education_work"],
        "consent-form": "written",
        "consent-language": "ar",
        "consent-interpreter": "Dolmetscherin S.",
        "consent-given_on": timezone.localdate().isoformat(),
    }
    login(alice).post(reverse("intake:record", args=[amina.pk]), data)
    intake = IntakeRecord.objects.get()
    consent = Consent.objects.get()
    assert intake.consent == consent and consent.case == intake.case
    assert consent.language == "ar"
    # The release works as soon as the office takes part.
    f.participant(intake.case, jobcentre, alice)
    assert AccessGrant.objects.filter(organisation=jobcentre, case=intake.case).exists()


def test_it_saves_nothing_when_the_release_is_refused(amina, alice, jobcentre, login, intake_data):
    data = {
        **intake_data,
        "record_consent": "on",
        "consent-text": str(f.consent_text().pk),
        "consent-purpose": "Abstimmung",
        "consent-recipients": [str(jobcentre.pk)],
        "consent-categories": ["health"],
        "consent-form": "written",
        "consent-language": "de",
        "consent-given_on": timezone.localdate().isoformat(),
    }
    response = login(alice).post(reverse("intake:record", args=[amina.pk]), data)
    assert response.status_code == 200
    assert "special_categories_named" in response.context["consent_form"].errors
    assert _nothing_saved() and not Consent.objects.exists()


def test_it_ignores_the_release_fields_unless_asked_to_record_one(amina, alice, login, intake_data):
    data = {**intake_data, "consent-purpose": "halb ausgefüllt"}
    login(alice).post(reverse("intake:record", args=[amina.pk]), data)
    assert IntakeRecord.objects.get().consent is None
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"held_on": "2999-01-01"}, "held_on", "cannot be dated in the future"),
        ({"agrees_to_case_management": ""}, "agrees_to_case_management", "agreement"),
        (
            {"life_areas": ("language",), "pathways_failed": ""},
            "decision_reason",
            "do not indicate case management",
        ),
        ({"programme": ""}, "programme", "Choose the programme"),
        ({"decision": "referral_only", "programme": ""}, "referred_to", "Name the service"),
        ({"first_needs": "   "}, "first_needs", ""),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(
    amina, alice, login, intake_data, change, field, message
):
    data = {**intake_data, **change}
    data = {k: v for k, v in data.items() if v != ""}
    if isinstance(data["life_areas"], tuple):
        data["life_areas"] = _areas(*data["life_areas"])
    response = login(alice).post(reverse("intake:record", args=[amina.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert _nothing_saved()


def test_it_accepts_case_management_against_the_indication_with_a_reason(
    amina, alice, login, intake_data
):
    data = {
        **intake_data,
        "life_areas": _areas("residence"),
        "decision_reason": "Frist der Ausländerbehörde in zwei Wochen",
    }
    del data["pathways_failed"]
    login(alice).post(reverse("intake:record", args=[amina.pk]), data)
    assert IntakeRecord.objects.get().case is not None


def test_it_records_short_counselling_without_a_case(amina, alice, login, intake_data):
    data = {**intake_data, "decision": "short_counselling", "programme": ""}
    client = login(alice)
    response = client.post(reverse("intake:record", args=[amina.pk]), data)
    intake = IntakeRecord.objects.get()
    assert intake.case is None and not Case.objects.exists()
    assert response.url == reverse("intake:detail", args=[intake.pk])
    content = client.get(response.url).content.decode()
    assert "Short counselling" in content


def test_it_refuses_a_second_open_case_in_the_programme(amina, caritas, alice, login, intake_data):
    f.case(caritas, amina, managers=(alice,), actor=alice)
    response = login(alice).post(reverse("intake:record", args=[amina.pk]), intake_data)
    assert "already has an open case" in str(response.context["form"].errors["programme"])
    assert not IntakeRecord.objects.exists()
    assert Case.objects.count() == 1


def test_it_answers_404_to_staff_of_other_organisations(amina, carol, bob, login, intake_data):
    for user in (carol, bob):
        client = login(user)
        assert client.get(reverse("intake:record", args=[amina.pk])).status_code == 404
        assert (
            client.post(reverse("intake:record", args=[amina.pk]), intake_data).status_code == 404
        )
    assert _nothing_saved()


def test_it_keeps_the_intake_from_a_participating_office(
    amina, caritas, jobcentre, alice, bob, login
):
    intake = f.intake(caritas, amina, alice, first_needs="Nur für Caritas")
    f.participant(intake.case, jobcentre, alice)
    f.consent(intake.case, [jobcentre], ("identity", "case_notes"), actor=alice)
    client = login(bob)
    assert client.get(reverse("intake:detail", args=[intake.pk])).status_code == 404
    page = client.get(reverse("cases:detail", args=[intake.case_id])).content.decode()
    assert "Nur für Caritas" not in page


def test_it_shows_the_intake_with_a_constant_number_of_queries(
    amina, caritas, alice, login, django_assert_max_num_queries
):
    intake = f.intake(caritas, amina, alice, life_areas=("language", "work", "health", "family"))
    client = login(alice)
    client.get(reverse("intake:detail", args=[intake.pk]))
    # Session, user, device, memberships, the intake with its life areas and
    # providers, the audit append (savepoint, head, insert, head update,
    # release) and the session save.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("intake:detail", args=[intake.pk]))
    assert response.status_code == 200


def test_it_dates_an_intake_in_the_past_and_opens_the_case_on_that_day(
    amina, alice, login, intake_data
):
    day = timezone.localdate() - datetime.timedelta(days=3)
    login(alice).post(
        reverse("intake:record", args=[amina.pk]), {**intake_data, "held_on": day.isoformat()}
    )
    assert Case.objects.get().opened_on == day


def test_it_shows_intake_and_release_problems_in_one_round(amina, alice, login, intake_data):
    data = {**intake_data, "held_on": "2999-01-01", "record_consent": "on"}
    response = login(alice).post(reverse("intake:record", args=[amina.pk]), data)
    assert "held_on" in response.context["form"].errors
    assert "purpose" in response.context["consent_form"].errors
    assert _nothing_saved()
