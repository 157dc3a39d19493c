import shutil
import subprocess

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.people.models import LanguageSkill
from lotse.plans.pdf_texts import LANGUAGE_ORDER, LANGUAGES
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_steps(alice_case, alice, caritas, language_goal, health_goal):
    f.step(
        language_goal,
        actor=alice,
        responsible_kind="organisation",
        responsible_organisation=caritas,
    )
    f.step(
        health_goal,
        actor=alice,
        responsible_kind="service",
        responsible_name="Psychosoziales Zentrum",
    )
    return alice_case


def test_it_has_every_text_in_every_language():
    german = LANGUAGES["de"]
    for code in LANGUAGE_ORDER:
        texts = LANGUAGES[code]
        assert set(texts.labels) == set(german.labels), code
        assert set(texts.life_areas) == set(german.life_areas), code
        for group in ("agreement_forms", "responsible_kinds", "step_statuses", "attainments"):
            assert set(getattr(texts, group)) == set(getattr(german, group)), (code, group)
        assert all(texts.labels[key] for key in texts.labels if key != "machine_note"), code
        # Only a human-checked translation may drop the mark.
        assert texts.machine_drafted == (code != "de"), code
        assert not texts.machine_drafted or texts.labels["machine_note"], code
    assert {LANGUAGES[c].direction for c in ("ar", "fa", "prs")} == {"rtl"}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_it_prints_the_plan(plan_with_steps, alice, login, language):
    client = login(alice)
    response = client.get(reverse("plans:pdf", args=[plan_with_steps.pk]), {"language": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = AuditEntry.objects.filter(action="export", object_type="plans.integrationplan").get()
    assert {"identity", "education_work", "health"} <= set(entry.categories)


def test_it_renders_right_to_left_with_the_machine_mark(plan_with_steps, alice, login):
    import datetime

    from django.template.loader import render_to_string

    from lotse.plans.pdf import plan_context
    from lotse.plans.views.panel import shown_goals

    goals = shown_goals(alice, plan_with_steps.pk, frozenset({"education_work", "health"}))
    context = plan_context(
        plan_with_steps,
        None,
        goals,
        LANGUAGES["ar"],
        person_name="Amina Haddad",
        birth_date="17.05.1990",
        show_agreement=True,
        today=datetime.date(2026, 1, 2),
    )
    html = render_to_string("plans/pdf.html", context)
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert LANGUAGES["ar"].labels["machine_note"] in html
    assert "الصحة" in html  # the life area "health" in Arabic
    assert '<bdi dir="ltr">02.01.2026</bdi>' in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_it_writes_arabic_text_into_the_pdf(plan_with_steps, alice, login):
    response = login(alice).get(reverse("plans:pdf", args=[plan_with_steps.pk]), {"language": "ar"})
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    # Text extraction gives the logical order back: the words must be real Arabic, not boxes.
    assert "خطة" in text
    assert "Deutsch auf Niveau B1" in text


def test_it_refuses_an_unknown_language(plan_with_steps, alice, login):
    response = login(alice).get(reverse("plans:pdf", args=[plan_with_steps.pk]), {"language": "xx"})
    assert response.status_code == 400
    assert "no translation" in response.content.decode()


def test_it_offers_the_persons_languages(plan_with_steps, alice, login):
    LanguageSkill.objects.create(person=plan_with_steps.person, language="fa", level="a1")
    body = login(alice).get(reverse("cases:detail", args=[plan_with_steps.pk])).content.decode()
    assert "?language=fa" in body


def test_it_prints_only_released_goals_for_a_participant(
    plan_with_steps, alice, bob, jobcentre, login, health_goal
):
    f.participant(plan_with_steps, jobcentre, actor=alice)
    f.consent(plan_with_steps, [jobcentre], ("identity", "education_work"), actor=alice)
    response = login(bob).get(reverse("plans:pdf", args=[plan_with_steps.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="export", actor=bob).get()
    assert "health" not in entry.categories


def test_it_answers_404_to_an_outsider(plan_with_steps, carol, login):
    assert login(carol).get(reverse("plans:pdf", args=[plan_with_steps.pk])).status_code == 404
