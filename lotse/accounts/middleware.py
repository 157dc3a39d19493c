from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from lotse.accounts.decorators import with_next

# Paths a signed-in but not yet verified user may reach: the second-factor
# pages themselves, sign-out, language switch, static files, and the API,
# which checks verification itself (lotse.accounts.api.permissions.IsVerified).
# Pages under /accounts/ that need verification check it themselves
# (lotse.accounts.decorators.second_factor_required).
_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/api/", "/health")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if (
            settings.LOTSE_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and user.needs_second_factor
            and not request.path.startswith(_EXEMPT_PREFIXES)
        ):
            target = with_next("accounts:second_factor", request.get_full_path())
            if request.headers.get("HX-Request"):
                # A plain redirect would be swapped into the page fragment;
                # HTMX follows HX-Redirect with a full page load instead.
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)
