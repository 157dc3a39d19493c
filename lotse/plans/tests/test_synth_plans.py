"""Synthetic plans: consistent with their cases and with the model's rules."""

import pytest

from lotse.cases.choices import Phase
from lotse.cases.models import Case
from lotse.plans.models import Goal, GoalReview, IntegrationPlan, Step
from lotse.synth.tests.helpers import TODAY, small_run

pytestmark = pytest.mark.django_db


def test_it_gives_cases_past_assessment_a_plan_with_goals_and_steps():
    result = small_run(persons=120)
    planned = Case.objects.exclude(phase__in=[Phase.CLEARING, Phase.ASSESSMENT])
    assert planned.exists()
    assert IntegrationPlan.objects.count() == planned.count()
    assert not IntegrationPlan.objects.filter(
        case__phase__in=[Phase.CLEARING, Phase.ASSESSMENT]
    ).exists()
    assert Goal.objects.exclude(case_id=models_case_of_plan()).count() == 0
    assert Step.objects.exists()
    assert result.rows["plans_goal"] == Goal.objects.count()
    # Closed cases: every goal settled with a closure review; open cases: none settled.
    assert not Goal.objects.filter(case__phase=Phase.CLOSED, settled_on__isnull=True).exists()
    assert (
        not Goal.objects.exclude(case__phase=Phase.CLOSED).filter(settled_on__isnull=False).exists()
    )
    assert GoalReview.objects.count() == Goal.objects.filter(case__phase=Phase.CLOSED).count()
    # Some pending steps are overdue, so the start page has something to show.
    assert Step.objects.pending().filter(due_date__lt=TODAY).exists()
    assert not IntegrationPlan.objects.filter(agreed_on__gt=TODAY).exists()


def models_case_of_plan():
    from django.db.models import OuterRef, Subquery

    return Subquery(IntegrationPlan.objects.filter(pk=OuterRef("plan_id")).values("case_id"))
