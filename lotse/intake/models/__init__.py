from lotse.intake.models.assessment import AssessmentEntry
from lotse.intake.models.intake import IntakeRecord

__all__ = ["AssessmentEntry", "IntakeRecord"]
