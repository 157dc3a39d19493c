from lotse.people.models.details import (
    Address,
    ContactDetail,
    LanguageSkill,
    Nationality,
    OfficeIdentifier,
)
from lotse.people.models.household import Household, HouseholdMembership
from lotse.people.models.person import NameSpelling, Person

__all__ = [
    "Address",
    "ContactDetail",
    "Household",
    "HouseholdMembership",
    "LanguageSkill",
    "NameSpelling",
    "Nationality",
    "OfficeIdentifier",
    "Person",
]
