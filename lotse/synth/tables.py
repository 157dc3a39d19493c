"""The tables the generator fills, each with the column order of its row tuples.

Rows are plain tuples (fast to build by the million); the writer turns them
into COPY data on PostgreSQL or model instances for bulk_create elsewhere.
Tables whose rows other rows point to carry their id; the others let the
database assign it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from lotse.access.models import AccessGrant, Consent
from lotse.cases.models import Case, CaseManagerAssignment, CaseParticipant
from lotse.namekeys.models import NameKey
from lotse.people.models import (
    Address,
    ContactDetail,
    Household,
    HouseholdMembership,
    LanguageSkill,
    NameSpelling,
    Nationality,
    OfficeIdentifier,
    Person,
)
from lotse.residence.models import StatusPeriod


# eq=False: tables are dictionary keys millions of times; identity hashing is cheap.
@dataclass(frozen=True, eq=False)
class Table:
    model: type[models.Model]
    columns: tuple[str, ...]

    @property
    def db_table(self) -> str:
        return self.model._meta.db_table

    @property
    def db_columns(self) -> tuple[str, ...]:
        columns = []
        for name in self.columns:
            field = self.model._meta.get_field(name)
            assert isinstance(field, models.Field) and field.column, name
            columns.append(field.column)
        return tuple(columns)

    @property
    def has_id(self) -> bool:
        return self.columns[0] == "id"


PERSON = Table(
    Person,
    (
        "id",
        "given_names",
        "family_name",
        "birth_date",
        "birth_date_precision",
        "birth_date_placeholder",
        "sex",
        "birth_place",
        "registered_by_id",
        "created_by_id",
        "created_at",
        "updated_at",
    ),
)
SPELLING = Table(
    NameSpelling, ("person_id", "given_names", "family_name", "kind", "script", "source")
)
NAME_KEY = Table(
    NameKey,
    (
        "person_id",
        "form",
        "canon",
        "fold",
        "metaphone",
        "cologne",
        "skeleton",
        "abjad",
        "birth_year",
    ),
)
NATIONALITY = Table(Nationality, ("person_id", "country"))
LANGUAGE = Table(LanguageSkill, ("person_id", "language", "level", "interpreter_needed"))
CONTACT = Table(ContactDetail, ("person_id", "kind", "value", "note"))
ADDRESS = Table(
    Address, ("person_id", "street", "postcode", "place", "care_of", "valid_from", "valid_until")
)
IDENTIFIER = Table(OfficeIdentifier, ("person_id", "kind", "value", "issued_by_id"))
HOUSEHOLD = Table(Household, ("id", "label", "created_at"))
MEMBER = Table(HouseholdMembership, ("household_id", "person_id", "relationship", "since", "until"))
CASE = Table(
    Case,
    (
        "id",
        "person_id",
        "organisation_id",
        "programme",
        "phase",
        "opened_on",
        "closed_on",
        "closing_reason",
        "summary",
        "version",
        "created_at",
        "updated_at",
    ),
)
MANAGER = Table(CaseManagerAssignment, ("case_id", "user_id", "is_lead", "since"))
PARTICIPANT = Table(
    CaseParticipant, ("case_id", "organisation_id", "purpose", "added_on", "added_by_id")
)
CONSENT = Table(
    Consent,
    (
        "id",
        "person_id",
        "case_id",
        "text_id",
        "purpose",
        "categories",
        "special_categories_named",
        "consequences_explained",
        "form",
        "witness",
        "language",
        "interpreter",
        "given_on",
        "valid_until",
        "withdrawn_on",
        "withdrawal_note",
        "document",
        "recorded_by_id",
        "recorded_at",
    ),
)
RECIPIENT = Table(Consent.recipients.through, ("consent_id", "organisation_id"))
GRANT = Table(
    AccessGrant,
    (
        "person_id",
        "case_id",
        "organisation_id",
        "categories",
        "owner",
        "reason",
        "consent_id",
        "valid_from",
        "valid_until",
    ),
)

STATUS = Table(
    StatusPeriod,
    (
        "person_id",
        "kind",
        "paragraph",
        "valid_from",
        "valid_until",
        "issuing_office",
        "document_number",
        "residence_obligation",
        "work_permission",
        "version",
        "created_at",
        "updated_at",
    ),
)

# Insertion order respects the foreign keys.
ALL_TABLES: tuple[Table, ...] = (
    PERSON,
    SPELLING,
    NAME_KEY,
    NATIONALITY,
    LANGUAGE,
    CONTACT,
    ADDRESS,
    IDENTIFIER,
    HOUSEHOLD,
    MEMBER,
    CASE,
    MANAGER,
    PARTICIPANT,
    CONSENT,
    RECIPIENT,
    GRANT,
    STATUS,
)
# Tables whose ids the generator assigns itself (other rows point to them).
ID_TABLES: tuple[Table, ...] = tuple(t for t in ALL_TABLES if t.has_id)
