"""Generated: intake, assessment and phase-history rows × role × relation × consent state."""

import pytest

from lotse.accounts.choices import Role
from lotse.cases.models import CasePhaseChange, LifeArea
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.testing import factories as f
from lotse.testing import matrix as m


@pytest.fixture(params=m.CONSENT_STATES)
def world(request, db):
    world = m.build_world(request.param)
    manager = world.users[(Role.CASE_MANAGER, "owner")]
    # One entry per life area: each carries its own area's data category.
    for area in LifeArea.objects.filter(active=True):
        f.assessment(world.case, area.code, manager)
    world.extras["intake"] = f.intake(world.orgs["owner"], world.person, manager, programme="mbe")
    return world


def test_it_shows_each_assessment_only_with_its_life_areas_category(world):
    categories = dict(LifeArea.objects.values_list("code", "category"))
    for role, rel, user in world.all_users():
        seen = set(
            AssessmentEntry.objects.visible_to(user)
            .filter(case=world.case)
            .values_list("life_area__code", flat=True)
        )
        expected = set()
        if m.sees_case(role, rel, world.state):
            held = m.expected_categories(role, rel, world.state)
            expected = {code for code, category in categories.items() if category in held}
        assert seen == expected, (role, rel, world.state)


def test_it_shows_the_intake_only_to_the_recording_organisations_case_staff(world):
    for role, rel, user in world.all_users():
        seen = set(IntakeRecord.objects.visible_to(user).values_list("pk", flat=True))
        expected = {world.extras["intake"].pk} if m.may_change(role, rel) else set()
        assert seen == expected, (role, rel, world.state)


def test_it_shows_the_phase_history_to_whoever_sees_the_case(world):
    for role, rel, user in world.all_users():
        seen = CasePhaseChange.objects.visible_to(user).filter(case=world.case).exists()
        assert seen == m.sees_case(role, rel, world.state), (role, rel, world.state)
