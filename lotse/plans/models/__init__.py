from lotse.plans.models.goal import Goal, GoalReview, Step
from lotse.plans.models.plan import IntegrationPlan, PlanRevision

__all__ = ["Goal", "GoalReview", "IntegrationPlan", "PlanRevision", "Step"]
