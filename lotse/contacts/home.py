"""Start-page section: the user's own cases without a contact for some weeks.

The dormant list (contacts:dormant) shows every case the user may close; the
start page shows only the cases the user manages, the longest silent first, so
that a case manager sees whom to call before the case drifts out of sight.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lotse.contacts.dormant import cutoff, default_weeks, dormant_cases, with_last_contact
from lotse.core.categories import DataCategory
from lotse.core.home import HomeSection, HomeSectionSource, register

SHOWN = 10
# A row shows the person's name (identity) and the last contact's date (case notes).
CATEGORIES = frozenset({DataCategory.IDENTITY.value, DataCategory.CASE_NOTES.value})


def dormant_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not user.is_authenticated or not user.case_organisation_ids:
        return None
    weeks = default_weeks()
    # One query for the cases (people joined), one more for their last contacts
    # only when there are any: constant however many cases are dormant.
    rows = list(
        dormant_cases(user, weeks).filter(managers=user).select_related("person")[: SHOWN + 1]
    )
    if not rows:
        return None
    more = len(rows) > SHOWN
    cases = with_last_contact(rows[:SHOWN])
    return HomeSection(
        template="contacts/_home_dormant.html",
        context={"cases": cases, "more": more, "weeks": weeks, "since": cutoff(weeks)},
        reads=tuple((case.person_id, case.pk, CATEGORIES) for case in cases),
    )


def register_section() -> None:
    register(HomeSectionSource("dormant_cases", 45, dormant_section))
