import pytest
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.actions import do_change_phase
from lotse.cases.choices import Phase
from lotse.testing import factories as f


def _changes(case):
    return AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="cases.case", case_id=case.pk
    )


def test_it_changes_the_phase_and_writes_the_audit_row(alice_case, alice, login):
    url = reverse("cases:phase", args=[alice_case.pk])
    response = login(alice).post(url, {"phase": "assessment", "version": alice_case.version})
    assert response.status_code == 302
    alice_case.refresh_from_db()
    assert alice_case.phase == Phase.ASSESSMENT
    entry = _changes(alice_case).latest("id")
    assert entry.changes["phase"] == ["clearing", "assessment"]
    assert entry.actor_id == alice.pk


def test_it_answers_htmx_with_the_phase_panel(alice_case, alice, login):
    url = reverse("cases:phase", args=[alice_case.pk])
    response = login(alice).post(
        url, {"phase": "planning", "version": alice_case.version}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="phase-panel"')
    assert 'hx-swap-oob="true"' in content
    alice_case.refresh_from_db()
    assert alice_case.phase == Phase.PLANNING
    # The panel carries the new version, so the next change is not refused as stale.
    assert f'value="{alice_case.version}"' in content


def test_it_refuses_a_stale_version(alice_case, alice, erik, login):
    seen = alice_case.version
    do_change_phase(erik, alice_case, Phase.ASSESSMENT)
    changes_before = _changes(alice_case).count()
    client = login(alice)
    response = client.post(
        reverse("cases:phase", args=[alice_case.pk]),
        {"phase": "linking", "version": seen},
        follow=True,
    )
    alice_case.refresh_from_db()
    assert alice_case.phase == Phase.ASSESSMENT
    assert "Someone else changed this case" in response.content.decode()
    assert _changes(alice_case).count() == changes_before


def test_it_refuses_a_stale_version_over_htmx_with_the_fresh_form(alice_case, alice, erik, login):
    seen = alice_case.version
    do_change_phase(erik, alice_case, Phase.ASSESSMENT)
    response = login(alice).post(
        reverse("cases:phase", args=[alice_case.pk]),
        {"phase": "linking", "version": seen},
        HTTP_HX_REQUEST="true",
    )
    alice_case.refresh_from_db()
    assert alice_case.phase == Phase.ASSESSMENT
    assert response.context["problems"]
    assert 'role="alert"' in response.content.decode()
    # The panel now shows the stored phase and version, so the user decides again.
    assert response.context["phase_form"].initial == {
        "phase": "assessment",
        "version": alice_case.version,
    }


@pytest.mark.parametrize("phase", ["closed", "nonsense", ""])
def test_it_changes_nothing_on_invalid_input(alice_case, alice, login, phase):
    before = AuditEntry.objects.count()
    login(alice).post(
        reverse("cases:phase", args=[alice_case.pk]),
        {"phase": phase, "version": alice_case.version},
    )
    alice_case.refresh_from_db()
    assert alice_case.phase == Phase.CLEARING
    assert AuditEntry.objects.count() == before


def test_it_does_not_accept_get(alice_case, alice, login):
    response = login(alice).get(reverse("cases:phase", args=[alice_case.pk]))
    assert response.status_code == 405


@pytest.mark.parametrize("with_consent", [False, True])
def test_it_answers_404_to_a_participant_changing_the_phase(
    alice_case, jobcentre, alice, bob, login, with_consent
):
    f.participant(alice_case, jobcentre, alice)
    if with_consent:
        f.consent(alice_case, [jobcentre], ("identity", "case_notes"), actor=alice)
    response = login(bob).post(
        reverse("cases:phase", args=[alice_case.pk]),
        {"phase": "planning", "version": alice_case.version},
    )
    assert response.status_code == 404
    alice_case.refresh_from_db()
    assert alice_case.phase == Phase.CLEARING


def test_it_answers_404_to_an_outsider(alice_case, carol, login):
    response = login(carol).post(
        reverse("cases:phase", args=[alice_case.pk]),
        {"phase": "planning", "version": alice_case.version},
    )
    assert response.status_code == 404
