from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.accounts.choices import CASE_ROLES, Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Navigation entries by role: each role sees only where it may go."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items: list[tuple[str, Any]] = [(reverse("core:home"), _("Start"))]
    roles = user.roles
    if roles & CASE_ROLES or user.is_operator:
        items.append((reverse("people:search"), _("People")))
    if roles & CASE_ROLES:
        items.append((reverse("cases:list"), _("Cases")))
        items.append((reverse("intake:start"), _("Intake")))
        items.append((reverse("contacts:dormant"), _("Dormant cases")))
        items.append((reverse("deadlines:mine"), _("Follow-ups")))
        items.append((reverse("referrals:inbox"), _("Referral inbox")))
        items.append((reverse("residence:deadlines"), _("Residence deadlines")))
        items.append((reverse("residence:groups"), _("Target groups")))
        items.append((reverse("outreach:list"), _("Outreach")))
    # The service directory is public information: every signed-in user reads it.
    items.append((reverse("directory:list"), _("Services")))
    if Role.DPO in roles:
        items.append((reverse("audit:index"), _("Audit trail")))
    if Role.DPO in roles or user.is_administrator:
        items.append((reverse("dedupe:queue"), _("Duplicates")))
    if user.is_administrator:
        items.append((reverse("network:organisations"), _("Organisations")))
        items.append((reverse("network:users"), _("Users")))
    items.append((reverse("accounts:profile"), _("My account")))
    return {"nav_items": items}
