"""Guards for the /accounts/ pages.

The second-factor middleware leaves /accounts/ alone so that unverified users
can reach the sign-in pages; pages there that change credentials or show
secrets must therefore check verification themselves.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

View = Callable[..., HttpResponseBase]


def must_verify(user: Any, *, strict: bool = False) -> bool:
    """Whether the user still has to pass the second factor.

    strict: also users whose roles do not need a second factor (for example for
    API tokens, which outlive the roles they were issued under).
    """
    if not settings.LOTSE_REQUIRE_2FA or user.is_verified():
        return False
    return strict or bool(user.needs_second_factor)


def with_next(url_name: str, next_url: str | None) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The ?next= (or POSTed next) target if it stays on this site, else the default."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def second_factor_required(view: View | None = None, *, strict: bool = False) -> Any:
    def decorator(func: View) -> View:
        @login_required
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if must_verify(request.user, strict=strict):
                return redirect(with_next("accounts:second_factor", request.get_full_path()))
            return func(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view is not None else decorator
