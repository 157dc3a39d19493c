from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString, mark_safe
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


# (language, the links, the current one) -> the rendered navigation. Each link
# has one fixed label, so the links stand for the labels too.
_rendered: dict[tuple[str | None, tuple[str, ...], str], SafeString] = {}
_MEMO_SIZE = 512


def _nav_html(items: list[tuple[str, Any]], path: str) -> SafeString:
    """core/_nav.html for these links: rendered once per language, links and current page.

    Rendered on every page it was a third of the base template's Python calls
    (a loop of a dozen links, each comparing the path and translating its label).
    """
    urls = tuple(url for url, _label in items)
    current = path if path in urls else ""
    key = (translation.get_language(), urls, current)
    html = _rendered.get(key)
    if html is None:
        if len(_rendered) >= _MEMO_SIZE:
            _rendered.clear()
        html = _rendered[key] = mark_safe(  # noqa: S308 (a template's own output)
            render_to_string("core/_nav.html", {"nav_items": items, "current": current})
        )
    return html


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
    return {"nav_items": items, "nav_html": _nav_html(items, request.path)}


def _forget(**_kwargs: Any) -> None:
    _rendered.clear()
    _reversed.cache_clear()


def _on_setting_changed(*, setting: str, **_kwargs: Any) -> None:
    # Settings that change the links or their translation (tests override them).
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _forget()


def _on_file_changed(*, file_path: Any, **_kwargs: Any) -> None:
    # A reloaded catalogue in development (runserver) may translate labels anew.
    if file_path.suffix == ".mo":
        _forget()


setting_changed.connect(_on_setting_changed, dispatch_uid="lotse_navigation_settings")
file_changed.connect(_on_file_changed, dispatch_uid="lotse_navigation_files")
