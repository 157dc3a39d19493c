"""Turning a stored person into the pathways contract's facts document (version 1).

The engine then evaluates a stored person exactly as `lotse pathways evaluate`
evaluates a file. Unknown facts are left out (never written as false), so the
engine reports the criteria that need them as `unknown`. A list whose emptiness
would prove something (no conviction, no benefits, no school-age child) is
written only once the case manager confirmed it complete.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lotse.people.choices import DatePrecision
from lotse.people.models import Person
from lotse.residence.choices import KINDS_WITH_PARAGRAPH
from lotse.residence.models import (
    BenefitPeriod,
    Child,
    Conviction,
    EmploymentSpell,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)

FACTS_VERSION = 1
PERSON_FLAGS = (
    "identity_deception",
    "fdgo_commitment",
    "civic_knowledge",
    "naturalisation_test_passed",
    "living_with_minor_child",
    "integration_course_obliged",
    "integration_course_completed",
)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _person_block(
    person: Person, facts: ResidenceFacts | None, include_birth_date: bool
) -> dict[str, Any]:
    block: dict[str, Any] = {}
    if (
        include_birth_date
        and person.birth_date
        and person.birth_date_precision != DatePrecision.UNKNOWN
    ):
        block["birth_date"] = person.birth_date.isoformat()
    if facts is None:
        return block
    if facts.entry_date:
        block["entry_date"] = facts.entry_date.isoformat()
    if facts.identity_clarified_on:
        block["identity_clarified_on"] = facts.identity_clarified_on.isoformat()
    for name in PERSON_FLAGS:
        value = getattr(facts, name)
        if value is not None:
            block[name] = value
    return block


def status_entry(period: StatusPeriod) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": period.kind}
    if period.kind in KINDS_WITH_PARAGRAPH or period.paragraph:
        entry["paragraph"] = period.paragraph
    entry["from"] = period.valid_from.isoformat()
    entry["to"] = _iso(period.valid_until)
    return entry


def build_document(
    person: Person,
    as_of: datetime.date,
    *,
    facts: ResidenceFacts | None,
    periods: Iterable[StatusPeriod],
    certificates: Iterable[LanguageCertificate],
    employment: Iterable[EmploymentSpell],
    benefits: Iterable[BenefitPeriod],
    convictions: Iterable[Conviction],
    children: Iterable[Child],
    include_birth_date: bool = True,
) -> dict[str, Any]:
    certificates, employment = list(certificates), list(employment)
    complete = facts if facts is not None else ResidenceFacts()
    lists: dict[str, list[dict[str, Any]]] = {}
    if certificates or complete.certificates_complete:
        lists["language_certificates"] = [
            {"level": c.level, "oral_only": c.oral_only, "date": c.issued_on.isoformat()}
            for c in certificates
        ]
    if employment or complete.employment_complete:
        lists["employment"] = [
            {
                "from": e.valid_from.isoformat(),
                "to": _iso(e.valid_until),
                "hours_per_week": e.hours_per_week,
                "social_insurance": e.social_insurance,
            }
            for e in employment
        ]
    if complete.benefits_complete:
        lists["benefits"] = [
            {"type": b.benefit, "from": b.valid_from.isoformat(), "to": _iso(b.valid_until)}
            for b in benefits
        ]
    if complete.convictions_complete:
        lists["convictions"] = [
            {
                "date": c.convicted_on.isoformat(),
                "daily_rates": c.daily_rates,
                "prison_months": c.prison_months,
                "juvenile_sanction_only": c.juvenile_sanction_only,
                "foreigner_specific_offence": c.foreigner_specific_offence,
            }
            for c in convictions
        ]
    if complete.children_complete:
        lists["children"] = [_child(c) for c in children]
    document: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "person": _person_block(person, facts, include_birth_date),
        "status_periods": [
            status_entry(p) for p in sorted(periods, key=lambda p: (p.valid_from, p.pk or 0))
        ],
        **lists,
    }
    if facts is not None:
        schooling: dict[str, Any] = {}
        if facts.schooling_years_in_germany is not None:
            schooling["years_successful_in_germany"] = facts.schooling_years_in_germany
        if facts.german_qualification is not None:
            schooling["german_qualification"] = facts.german_qualification
        if schooling:
            document["schooling"] = schooling
        if facts.livelihood_secured is not None:
            document["livelihood_secured"] = facts.livelihood_secured
    return document


def _child(child: Child) -> dict[str, Any]:
    entry: dict[str, Any] = {"birth_date": child.birth_date.isoformat()}
    if child.attends_school is not None:
        entry["attends_school"] = child.attends_school
    return entry


@dataclass
class ResidenceFile:
    """Every residence row of one person, loaded for many persons at once."""

    facts: ResidenceFacts | None = None
    rows: dict[str, list[Any]] = field(default_factory=lambda: {k: [] for k in ROW_MODELS})


ROW_MODELS: dict[str, Any] = {
    "periods": StatusPeriod,
    "certificates": LanguageCertificate,
    "employment": EmploymentSpell,
    "benefits": BenefitPeriod,
    "convictions": Conviction,
    "children": Child,
}


def load_files(person_ids: list[int]) -> dict[int, ResidenceFile]:
    """One query per kind of row for all these persons. Plain grouping rather than
    prefetch_related, whose per-object bookkeeping costs more than the queries
    when thousands of persons are evaluated (target groups)."""
    files = {pk: ResidenceFile() for pk in person_ids}
    for key, model in ROW_MODELS.items():
        for row in model.objects.filter(person_id__in=person_ids).order_by("person_id", "pk"):
            files[row.person_id].rows[key].append(row)
    for facts in ResidenceFacts.objects.filter(person_id__in=person_ids):
        files[facts.person_id].facts = facts
    return files


def document_of_file(
    person: Person,
    as_of: datetime.date,
    residence: ResidenceFile,
    *,
    include_birth_date: bool = True,
) -> dict[str, Any]:
    return build_document(
        person,
        as_of,
        facts=residence.facts,
        include_birth_date=include_birth_date,
        **residence.rows,
    )


def facts_document(
    person: Person, as_of: datetime.date, *, include_birth_date: bool = True
) -> dict[str, Any]:
    """The facts document of a stored person. The caller has checked that the
    reader holds the residence category (and identity, for the birth date)."""
    person = Person.objects.get(pk=person.pk)
    residence = load_files([person.pk])[person.pk]
    return document_of_file(person, as_of, residence, include_birth_date=include_birth_date)
