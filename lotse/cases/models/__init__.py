from lotse.cases.models.case import Case, CaseManagerAssignment, CaseParticipant

__all__ = ["Case", "CaseManagerAssignment", "CaseParticipant"]
