"""Who maintains which entries: the provider's own staff and administrators.

Reading the directory is open to every signed-in user (public information);
this is the only rule about changing it, used by pages, API, import and tests.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lotse.network.models import Organisation


def member_organisation_ids(user: Any) -> set[int]:
    return {org for org, _role in getattr(user, "role_pairs", ())}


def may_maintain(user: Any, provider_id: int | None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_administrator", False):
        return True
    return provider_id is not None and provider_id in member_organisation_ids(user)


def maintainable_providers(user: Any) -> QuerySet[Organisation]:
    """The organisations whose entries the user may create and change."""
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    if getattr(user, "is_administrator", False):
        return organisations
    return organisations.filter(pk__in=member_organisation_ids(user))
