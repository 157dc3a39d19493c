from lotse.residence.models.cache import ResidenceStamp, TargetGroupResult
from lotse.residence.models.deadline_task import DeadlineTask
from lotse.residence.models.evaluation import Evaluation
from lotse.residence.models.facts import (
    BenefitPeriod,
    Child,
    Conviction,
    EmploymentSpell,
    LanguageCertificate,
    ResidenceFacts,
)
from lotse.residence.models.status import StatusPeriod

__all__ = [
    "BenefitPeriod",
    "Child",
    "Conviction",
    "DeadlineTask",
    "EmploymentSpell",
    "Evaluation",
    "LanguageCertificate",
    "ResidenceFacts",
    "ResidenceStamp",
    "StatusPeriod",
    "TargetGroupResult",
]
