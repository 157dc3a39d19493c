"""What a reader may see of a referral: the sender everything it holds of the case,
the receiver only the categories the covering release still grants it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from lotse.access.visibility import categories_for_cases
from lotse.core.categories import DataCategory
from lotse.referrals.models import Referral

IDENTITY = DataCategory.IDENTITY.value
CASE_NOTES = DataCategory.CASE_NOTES.value


@dataclass(frozen=True)
class Shown:
    referral: Referral
    is_sender: bool
    categories: frozenset[str]

    @property
    def release_state(self) -> str:
        return self.referral.release_state()

    @property
    def person_name(self) -> str:
        return self.referral.person.display_name if IDENTITY in self.categories else ""

    @property
    def shows_request(self) -> bool:
        # What is asked speaks about the person: the receiver reads it only while
        # a release covers the referral; the sender's own words need case notes.
        return CASE_NOTES in self.categories if self.is_sender else bool(self.categories)

    @property
    def audited(self) -> frozenset[str]:
        shown = self.categories & {IDENTITY}
        if self.shows_request:
            shown |= {CASE_NOTES} if self.is_sender else self.categories
        return shown


@dataclass(frozen=True)
class CaseAccess:
    """What a case page knows already of its case: the user's categories
    (categories_for) and whether they may change it (the owner's staff)."""

    person_id: int
    case_id: int
    categories: frozenset[str]
    can_change: bool


def shown_rows(
    user: Any, referrals: list[Referral], known: CaseAccess | None = None
) -> list[Shown]:
    """One Shown per referral, the whole page in at most three queries; none
    when every referral is of the case whose access is `known`."""
    if known is not None and all(
        (r.person_id, r.case_id) == (known.person_id, known.case_id) for r in referrals
    ):
        # The same answers _owner_cases and categories_for_cases would read:
        # the owner's staff are who may change the case.
        owner_cases = {known.case_id} if known.can_change else set()
        held: dict[tuple[int, int | None], frozenset[str]] = {
            (known.person_id, known.case_id): known.categories
        }
    else:
        owner_cases = _owner_cases(user, referrals)
        # Only the sender's rows need the case grants: an inbox page costs no grant lookup.
        held = categories_for_cases(
            user, [(r.person_id, r.case_id) for r in referrals if r.case_id in owner_cases]
        )
    rows = []
    for referral in referrals:
        if referral.case_id in owner_cases:
            rows.append(Shown(referral, True, held[(referral.person_id, referral.case_id)]))
        else:
            rows.append(Shown(referral, False, referral.released_categories()))
    return rows


def _owner_cases(user: Any, referrals: list[Referral]) -> set[int]:
    from lotse.access.visibility import Action, grants_for

    case_ids = {r.case_id for r in referrals}
    if not case_ids:
        return set()
    return set(
        grants_for(user, Action.CHANGE)
        .filter(case_id__in=case_ids)
        .values_list("case_id", flat=True)
    )


def referral_for(request: HttpRequest, pk: int) -> Referral:
    queryset = Referral.objects.visible_to(request.user).select_related(
        "case",
        "person",
        "consent",
        "sender_organisation",
        "recipient_organisation",
        "service",
        "goal",
        "step",
        "sent_by",
    )
    return get_object_or_404(queryset, pk=pk)
