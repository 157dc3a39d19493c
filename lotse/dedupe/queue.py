"""Who may review duplicates, which pairs they see, and the evidence shown side by side.

Reviewing needs the identity of both persons and nothing else: the operator
reads every person's identity, a data-protection officer the persons their
organisation owns (Action.AUDIT in lotse.access). Administrators reach the
page, but the pairs only through the same reading: an administrator without
either sees an empty queue. A pair is shown only when both persons are in
the reviewer's scope, so a merge never touches a record they could not see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, QuerySet

from lotse.access.visibility import Action
from lotse.accounts.choices import Role
from lotse.audit.log import record_reads
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.dedupe.models import CandidateStatus, DuplicateCandidate, MergeRecord
from lotse.people.models import NameSpelling, Nationality, OfficeIdentifier, Person

IDENTITY = DataCategory.IDENTITY.value


def may_review(user: Any) -> bool:
    """Who reaches the queue pages at all."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_operator or user.has_role(Role.DPO, Role.ADMINISTRATOR))


def reviewable_persons(user: Any) -> QuerySet[Person]:
    """Persons (not merged away) whose identity the user may read for review."""
    people = Person.objects.all()
    if getattr(user, "is_operator", False):
        return people.visible_to(user)
    return people.visible_to(user, Action.AUDIT)


def open_pairs(user: Any) -> QuerySet[DuplicateCandidate]:
    scope = reviewable_persons(user).filter(merged_into__isnull=True).values("pk")
    return DuplicateCandidate.objects.filter(
        status=CandidateStatus.OPEN, person_a__in=scope, person_b__in=scope
    ).order_by("-score", "id")


def merges(user: Any) -> QuerySet[MergeRecord]:
    """Merges between persons in the user's scope (the tombstone counts as in scope
    when its survivor is)."""
    scope = reviewable_persons(user).values("pk")
    return MergeRecord.objects.filter(survivor__in=scope).select_related("survivor", "merged")


@dataclass
class PersonEvidence:
    person: Person
    spellings: list[NameSpelling] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    identifiers: list[OfficeIdentifier] = field(default_factory=list)
    case_count: int = 0
    organisations: list[str] = field(default_factory=list)


@dataclass
class PairEvidence:
    candidate: DuplicateCandidate
    left: PersonEvidence
    right: PersonEvidence


def _evidence_of(person_ids: list[int]) -> dict[int, PersonEvidence]:
    """Everything a reviewer compares, for a whole page in a fixed number of queries."""
    persons = Person.objects.select_related("registered_by").in_bulk(person_ids)
    found = {pk: PersonEvidence(person) for pk, person in persons.items()}
    # The per-person querysets are typed by their base model; these rows are what they say.
    spellings = NameSpelling.objects.filter(person_id__in=person_ids).order_by("id")
    for spelling in cast("list[NameSpelling]", list(spellings)):
        found[spelling.person_id].spellings.append(spelling)
    for person_id, country in (
        Nationality.objects.filter(person_id__in=person_ids)
        .order_by("country")
        .values_list("person_id", "country")
    ):
        found[person_id].nationalities.append(country)
    identifiers = OfficeIdentifier.objects.filter(person_id__in=person_ids).select_related(
        "issued_by"
    )
    for identifier in cast("list[OfficeIdentifier]", list(identifiers.order_by("kind", "value"))):
        found[identifier.person_id].identifiers.append(identifier)
    orgs: dict[int, set[str]] = defaultdict(set)
    for row in (
        Case.objects.filter(person_id__in=person_ids)
        .values("person_id", "organisation__name")
        .annotate(n=Count("id"))
        .order_by()
    ):
        found[row["person_id"]].case_count += row["n"]
        orgs[row["person_id"]].add(row["organisation__name"])
    for pk, evidence in found.items():
        orgs[pk].add(evidence.person.registered_by.name)
        evidence.organisations = sorted(orgs[pk])
    return found


def pair_evidence(user: Any, candidates: list[DuplicateCandidate]) -> list[PairEvidence]:
    """The pairs with both persons' evidence; the reads are recorded in the audit trail."""
    ids = sorted({pk for c in candidates for pk in (c.person_a_id, c.person_b_id)})
    found = _evidence_of(ids)
    record_reads(user, [(pk, None, {IDENTITY}) for pk in ids])
    return [
        PairEvidence(c, found[c.person_a_id], found[c.person_b_id])
        for c in candidates
        if c.person_a_id in found and c.person_b_id in found
    ]
