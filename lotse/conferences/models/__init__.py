from lotse.conferences.models.conference import (
    AgendaItem,
    CaseConference,
    ConferenceAttendee,
    ConferenceCase,
    ConferenceParticipant,
    Decision,
)

__all__ = [
    "AgendaItem",
    "CaseConference",
    "ConferenceAttendee",
    "ConferenceCase",
    "ConferenceParticipant",
    "Decision",
]
