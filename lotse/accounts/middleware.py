from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in but not yet verified user may reach: the second-factor
# pages themselves, sign-out, language switch, static files, and the API,
# which authenticates with personal tokens issued after verification.
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
            return redirect(f"{reverse('accounts:second_factor')}?next={request.path}")
        return self.get_response(request)
