"""Start-page section: the next conferences the user's organisation takes part in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lotse.accounts.choices import CASE_ROLES, Role
from lotse.conferences.models import CaseConference
from lotse.core.categories import DataCategory
from lotse.core.home import HomeSection, HomeSectionSource, register

ROWS = 5


def upcoming_section(request: HttpRequest) -> HomeSection | None:
    user: Any = request.user
    if not (getattr(user, "is_authenticated", False) and user.roles & CASE_ROLES):
        return None
    conferences = list(
        CaseConference.objects.visible_to(user)
        .upcoming()
        .select_related("case")
        .prefetch_related("further_cases__case")
        .order_by("starts_at", "id")[:ROWS]
    )
    if not conferences:
        return None
    # The case reference and the occasion: the occasion is data of the conference's
    # category, about every case a family's conference concerns.
    reads = tuple(
        dict.fromkeys(
            (
                case.person_id,
                case.pk,
                frozenset({DataCategory.IDENTITY.value, c.data_category}),
            )
            for c in conferences
            for case in c.all_cases()
        )
    )
    return HomeSection("conferences/home_upcoming.html", {"conferences": conferences}, reads)


def figures_section(request: HttpRequest) -> HomeSection | None:
    """The coordinator's way to the anonymised figures: a link, no data."""
    user: Any = request.user
    if not (getattr(user, "is_authenticated", False) and user.has_role(Role.COORDINATOR)):
        return None
    return HomeSection("conferences/home_figures.html")


def register_section() -> None:
    register(HomeSectionSource("conferences.upcoming", 30, upcoming_section))
    register(HomeSectionSource("conferences.figures", 70, figures_section))
