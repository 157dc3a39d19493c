from lotse.cases.models.case import Case, CaseManagerAssignment, CaseParticipant
from lotse.cases.models.life_area import DEFAULT_LIFE_AREAS, LifeArea, ensure_default_life_areas
from lotse.cases.models.phase_change import CasePhaseChange

__all__ = [
    "DEFAULT_LIFE_AREAS",
    "Case",
    "CaseManagerAssignment",
    "CaseParticipant",
    "CasePhaseChange",
    "LifeArea",
    "ensure_default_life_areas",
]
