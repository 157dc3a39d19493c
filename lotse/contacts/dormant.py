"""Dormant cases: open cases without a contact for some weeks."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from lotse.access.visibility import Action
from lotse.cases.models import Case
from lotse.cases.models.case import CaseQuerySet
from lotse.contacts.models import Contact

MAX_WEEKS = 520


def default_weeks() -> int:
    return int(settings.LOTSE_DORMANT_WEEKS)


def cutoff(weeks: int, today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - datetime.timedelta(weeks=weeks)


def dormant_cases(user: Any, weeks: int, today: datetime.date | None = None) -> CaseQuerySet:
    """Open cases the user may close, opened before the cut-off and without a contact since.

    Only cases the user may change: whoever may close a case decides whether
    it is dormant. "No contact since" is an anti-join on the contacts' case
    index; the date of the last contact is looked up for one page only
    (`with_last_contact`), not for every candidate.
    """
    since = cutoff(weeks, today)
    recent = Contact.objects.filter(case=OuterRef("pk"), occurred_on__gte=since)
    return (
        Case.objects.visible_to(user, Action.CHANGE)
        .open()
        .filter(opened_on__lt=since)
        .filter(~Exists(recent))
        .order_by("opened_on", "id")
    )


def with_last_contact(cases: Sequence[Case]) -> list[Case]:
    """The page's cases, each with `last_contact_on` (None: never), in one query."""
    last = dict(
        Contact.objects.filter(case_id__in=[c.pk for c in cases])
        .values("case_id")
        .annotate(last=Max("occurred_on"))
        .values_list("case_id", "last")
    )
    for case in cases:
        case.last_contact_on = last.get(case.pk)  # type: ignore[attr-defined]
    return list(cases)
