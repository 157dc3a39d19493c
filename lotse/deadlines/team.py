"""Who leads whom: team leads see their team's caseload and reassign its cases.

A team lead's membership may name a team; then the team is the lead's scope.
Without a team the lead leads the organisation's case staff as a whole (small
services have no teams).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User

STAFF_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)


def led_scopes(user: Any) -> list[tuple[int, int | None]]:
    """(organisation id, team id or None for the whole organisation) the user leads."""
    if not getattr(user, "is_authenticated", False) or not user.has_role(Role.TEAM_LEAD):
        return []
    # Asked several times per request (section, page, form): once per user object.
    cached = user.__dict__.get("_led_scopes")
    if cached is None:
        rows = Membership.objects.filter(
            user=user, role=Role.TEAM_LEAD, organisation__is_active=True
        ).values_list("organisation_id", "team_id")
        cached = user.__dict__["_led_scopes"] = sorted(set(rows), key=lambda r: (r[0], r[1] or 0))
    return list(cached)


def _scope_filter(scopes: list[tuple[int, int | None]]) -> Q:
    condition = Q(pk__in=[])
    for organisation_id, team_id in scopes:
        part = Q(organisation_id=organisation_id)
        if team_id is not None:
            part &= Q(team_id=team_id)
        condition |= part
    return condition


def team_memberships(user: Any) -> QuerySet[Membership]:
    scopes = led_scopes(user)
    if not scopes:
        return Membership.objects.none()
    return Membership.objects.filter(_scope_filter(scopes), role__in=STAFF_ROLES)


def team_members(user: Any) -> QuerySet[User]:
    """Case staff the user leads (the lead included), one row each."""
    member_ids = team_memberships(user).values("user_id")
    return User.objects.filter(pk__in=member_ids, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def leads_member(lead: Any, member: Any, organisation_id: int | None = None) -> bool:
    memberships = team_memberships(lead).filter(user=member)
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    return memberships.exists()


def leads_organisation(lead: Any, organisation_id: int) -> bool:
    return any(org == organisation_id for org, _team in led_scopes(lead))


def team_ids_of(user: Any) -> list[int]:
    """The teams a user belongs to in any case role: team tasks reach them."""
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted(
        set(
            Membership.objects.filter(
                user=user, team__isnull=False, organisation__is_active=True
            ).values_list("team_id", flat=True)
        )
    )
