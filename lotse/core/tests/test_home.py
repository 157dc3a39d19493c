"""The start page: own open cases and the sections other apps contribute, all audited."""

import pytest
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.core import home
from lotse.core.home import HomeSection, HomeSectionSource
from lotse.testing import factories as f


def test_it_lists_my_open_cases_and_records_the_reads(caritas, alice, login):
    case = f.case(caritas, managers=(alice,), actor=alice)
    response = login(alice).get(reverse("core:home"))
    assert case.person.display_name in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.READ, object_type="core.home")
    assert (entry.person_id, entry.case_id, set(entry.categories)) == (
        case.person_id,
        case.pk,
        {"identity"},
    )


def test_it_records_nothing_when_no_person_is_shown(alice, login):
    login(alice).get(reverse("core:home"))
    assert not AuditEntry.objects.filter(action=AuditAction.READ).exists()


@pytest.fixture
def due_section(monkeypatch):
    monkeypatch.setattr(home, "_sources", {})

    def render(request):
        if request.user.username != "alice":
            return None
        return HomeSection(
            template="core/tests/section.html",
            context={"text": "Due today: 3 steps"},
            reads=((4242, None, frozenset({"case_notes"})),),
        )

    home.register(HomeSectionSource(key="test-due", order=10, render=render))


def test_it_shows_contributed_sections_and_audits_their_reads(due_section, alice, bob, login):
    assert "Due today: 3 steps" in login(alice).get(reverse("core:home")).content.decode()
    assert AuditEntry.objects.get(action=AuditAction.READ).person_id == 4242
    assert "Due today" not in login(bob).get(reverse("core:home")).content.decode()
