from lotse.conferences.models.conference import (
    AgendaItem,
    CaseConference,
    ConferenceParticipant,
    Decision,
)

__all__ = ["AgendaItem", "CaseConference", "ConferenceParticipant", "Decision"]
