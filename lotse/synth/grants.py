"""AccessGrant rows computed in bulk from generated data, without a query per person.

Must follow `lotse.access.grants.compute_person_grants` rule for rule; a test
compares both for every person of a small synthetic run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from lotse.core.categories import ALL_MASK

REGISTERED = "registered"
OWNS_CASE = "owns_case"
CONSENT = "consent"


@dataclass(frozen=True, slots=True)
class ConsentFacts:
    id: int
    case_id: int | None
    recipients: frozenset[int]
    mask: int
    given_on: datetime.date
    valid_until: datetime.date | None
    withdrawn: bool


def person_grant_rows(
    person_id: int,
    registered_by: int,
    cases: list[tuple[int, int]],
    participants: list[tuple[int, int]],
    consents: list[ConsentFacts],
) -> list[tuple[Any, ...]]:
    """Rows in the column order of `tables.GRANT`.

    cases: (case id, owning organisation id); participants: (case id, organisation id).
    """
    rows: list[tuple[Any, ...]] = [
        (person_id, case_id, org_id, ALL_MASK, True, OWNS_CASE, None, None, None)
        for case_id, org_id in cases
    ]
    if not cases:
        rows.append((person_id, None, registered_by, ALL_MASK, True, REGISTERED, None, None, None))
    # Withdrawn consents and consents without categories grant nothing.
    usable = [c for c in consents if not c.withdrawn and c.mask]
    for case_id, org_id in participants:
        for consent in usable:
            if consent.case_id not in (None, case_id) or org_id not in consent.recipients:
                continue
            rows.append(
                (
                    person_id,
                    case_id,
                    org_id,
                    consent.mask,
                    False,
                    CONSENT,
                    consent.id,
                    consent.given_on,
                    consent.valid_until,
                )
            )
    return rows
