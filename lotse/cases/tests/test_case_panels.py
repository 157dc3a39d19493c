"""Other apps' panels on the case page: shown by what the user may read, and audited."""

import pytest
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases import panels
from lotse.cases.panels import CasePanel, CaseView, PanelContent
from lotse.testing import factories as f


def _residence_panel(view: CaseView) -> PanelContent | None:
    if "residence" not in view.categories:
        return None
    return PanelContent(
        template="cases/tests/panel.html",
        context={"text": f"Residence panel of {view.case.reference}"},
        categories=frozenset({"residence"}),
    )


@pytest.fixture
def residence_panel(monkeypatch):
    monkeypatch.setattr(panels, "_panels", {})
    panels.register(CasePanel(key="test-residence", order=5, render=_residence_panel))


def _read(case):
    return AuditEntry.objects.get(action=AuditAction.READ, case_id=case.pk)


def test_it_shows_a_panel_to_the_owner_and_audits_its_category(
    residence_panel, alice_case, alice, login
):
    response = login(alice).get(reverse("cases:detail", args=[alice_case.pk]))
    assert f"Residence panel of {alice_case.reference}" in response.content.decode()
    assert "residence" in _read(alice_case).categories


def test_it_hides_a_panel_whose_category_is_not_released(
    residence_panel, alice_case, jobcentre, alice, bob, login
):
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity",), actor=alice)
    response = login(bob).get(reverse("cases:detail", args=[alice_case.pk]))
    assert "Residence panel" not in response.content.decode()
    assert set(_read(alice_case).categories) == {"identity"}
