from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from lotse.accounts.choices import CASE_ROLES, Role

_NAMES = (
    "core:home",
    "people:search",
    "cases:list",
    "intake:start",
    "contacts:dormant",
    "deadlines:mine",
    "referrals:inbox",
    "residence:deadlines",
    "residence:groups",
    "outreach:list",
    "directory:list",
    "audit:index",
    "dedupe:queue",
    "network:organisations",
    "network:users",
    "accounts:profile",
)


@lru_cache(maxsize=16)
def _reversed(script_prefix: str, urlconf: str) -> dict[str, str]:
    # Fourteen reverse() calls were a tenth of a small page's Python calls. The
    # paths depend only on the URL configuration and the script prefix (the
    # site's mount point, set per request), so they are the key; the arguments
    # are not read, reverse() reads the same thread-local state.
    return {name: reverse(name) for name in _NAMES}


def _urls() -> dict[str, str]:
    return _reversed(get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Navigation entries by role: each role sees only where it may go."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    url = _urls()
    items: list[tuple[str, Any]] = [(url["core:home"], _("Start"))]
    roles = user.roles
    if roles & CASE_ROLES or user.is_operator:
        items.append((url["people:search"], _("People")))
    if roles & CASE_ROLES:
        items.append((url["cases:list"], _("Cases")))
        items.append((url["intake:start"], _("Intake")))
        items.append((url["contacts:dormant"], _("Dormant cases")))
        items.append((url["deadlines:mine"], _("Follow-ups")))
        items.append((url["referrals:inbox"], _("Referral inbox")))
        items.append((url["residence:deadlines"], _("Residence deadlines")))
        items.append((url["residence:groups"], _("Target groups")))
        items.append((url["outreach:list"], _("Outreach")))
    # The service directory is public information: every signed-in user reads it.
    items.append((url["directory:list"], _("Services")))
    if Role.DPO in roles:
        items.append((url["audit:index"], _("Audit trail")))
    if Role.DPO in roles or user.is_administrator:
        items.append((url["dedupe:queue"], _("Duplicates")))
    if user.is_administrator:
        items.append((url["network:organisations"], _("Organisations")))
        items.append((url["network:users"], _("Users")))
    items.append((url["accounts:profile"], _("My account")))
    return {"nav_items": items}
