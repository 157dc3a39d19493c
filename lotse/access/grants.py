"""Rebuilding the precomputed AccessGrant rows of one person.

Called by every action that changes who takes part in a person's cases or
what the person released, inside that action's transaction. Recomputing a
person's few rows from scratch is simpler to get right than patching them,
and it is cheap: a person has a handful of cases and consents.
"""

from lotse.access.choices import GrantReason
from lotse.access.models import AccessGrant, Consent
from lotse.cases.models import Case, CaseParticipant
from lotse.core.categories import ALL_CATEGORIES
from lotse.people.models import Person


def compute_person_grants(person_id: int) -> list[AccessGrant]:
    cases = list(Case.objects.filter(person_id=person_id).values_list("id", "organisation_id"))
    rows: list[AccessGrant] = [
        AccessGrant(
            person_id=person_id,
            case_id=case_id,
            organisation_id=org_id,
            categories=ALL_CATEGORIES,
            owner=True,
            reason=GrantReason.OWNS_CASE,
        )
        for case_id, org_id in cases
    ]
    if not cases:
        # Before the first case is opened (intake), the registering
        # organisation must be able to find and complete the record.
        registered_by, merged_into = Person.objects.values_list(
            "registered_by_id", "merged_into_id"
        ).get(pk=person_id)
        if merged_into is not None:
            # A record merged into another (lotse.dedupe) is a tombstone without
            # cases: nobody works on it, its old links lead to the survivor.
            return []
        rows.append(
            AccessGrant(
                person_id=person_id,
                organisation_id=registered_by,
                categories=ALL_CATEGORIES,
                owner=True,
                reason=GrantReason.REGISTERED,
            )
        )
    # A release lapses when its purpose ends (domain.md): closing the case ends
    # what participants saw through it; the owner keeps the file.
    participants = list(
        CaseParticipant.objects.filter(
            case__person_id=person_id, case__closed_on__isnull=True
        ).values_list("case_id", "organisation_id")
    )
    if participants:
        consents = list(
            Consent.objects.filter(person_id=person_id, withdrawn_on__isnull=True)
            .exclude(categories=0)
            .prefetch_related("recipients")
        )
        for case_id, org_id in participants:
            for consent in consents:
                if consent.case_id not in (None, case_id):
                    continue
                if org_id not in {r.pk for r in consent.recipients.all()}:
                    continue
                rows.append(
                    AccessGrant(
                        person_id=person_id,
                        case_id=case_id,
                        organisation_id=org_id,
                        categories=consent.categories,
                        reason=GrantReason.CONSENT,
                        consent=consent,
                        valid_from=consent.given_on,
                        valid_until=consent.valid_until,
                    )
                )
    return rows


def rebuild_person_grants(person_id: int) -> None:
    AccessGrant.objects.filter(person_id=person_id).delete()
    AccessGrant.objects.bulk_create(compute_person_grants(person_id))
