"""Phase changes are explicit steps with a history: who, when, from, to, why."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.actions import do_change_phase, do_close_case
from lotse.cases.choices import Phase
from lotse.cases.models import CasePhaseChange
from lotse.testing import factories as f


def _steps(case):
    return list(
        CasePhaseChange.objects.filter(case=case)
        .order_by("changed_at", "id")
        .values_list("from_phase", "to_phase", "note")
    )


def test_it_records_opening_changes_and_closing(alice_case, alice):
    do_change_phase(alice, alice_case, Phase.ASSESSMENT, note="Erstgespräch abgeschlossen")
    do_change_phase(alice, alice_case, Phase.PLANNING)
    do_close_case(alice, alice_case, reason="moved_away")
    assert _steps(alice_case) == [
        ("", "clearing", ""),
        ("clearing", "assessment", "Erstgespräch abgeschlossen"),
        ("assessment", "planning", ""),
        ("planning", "closed", ""),
    ]
    assert set(
        CasePhaseChange.objects.filter(case=alice_case).values_list("changed_by", flat=True)
    ) == {alice.pk}


def test_it_keeps_the_note_in_the_cases_audit_entry(alice_case, alice):
    do_change_phase(alice, alice_case, Phase.ASSESSMENT, note="Bedarf in vier Lebensbereichen")
    entry = AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="cases.case", case_id=alice_case.pk
    ).latest("id")
    assert entry.changes["phase_note"] == [None, "Bedarf in vier Lebensbereichen"]


def test_it_refuses_a_change_to_the_same_phase_and_records_nothing(alice_case, alice):
    with pytest.raises(ValidationError) as refused:
        do_change_phase(alice, alice_case, Phase.CLEARING)
    assert "already in this phase" in str(refused.value)
    assert len(_steps(alice_case)) == 1
    alice_case.refresh_from_db()
    assert alice_case.version == 1


def test_it_refuses_a_note_that_is_too_long(alice_case, alice):
    with pytest.raises(ValidationError):
        do_change_phase(alice, alice_case, Phase.ASSESSMENT, note="x" * 501)
    assert len(_steps(alice_case)) == 1


def test_it_shows_the_history_with_the_note_to_the_owner(alice_case, alice, login):
    client = login(alice)
    response = client.post(
        reverse("cases:phase", args=[alice_case.pk]),
        {"phase": "assessment", "version": alice_case.version, "note": "Clearing erledigt"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert 'id="phase-history"' in content
    assert "Clearing erledigt" in content
    page = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert "Clearing erledigt" in page
    assert "case opened" in page


def test_it_shows_a_participant_the_history_without_notes(alice_case, jobcentre, alice, bob, login):
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity",), actor=alice)
    do_change_phase(alice, alice_case, Phase.ASSESSMENT, note="Vertrauliche Begründung")
    page = login(bob).get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert 'id="phase-history"' in page
    assert "Vertrauliche Begründung" not in page
    # A participant sees the history but gets no form to change the phase.
    assert 'name="phase"' not in page
