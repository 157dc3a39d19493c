"""Idle sign-out without a session write on every request.

The session's stored expiry is the idle limit (SESSION_COOKIE_AGE after the
last save). Saving it on every request costs an UPDATE and a commit per page;
renewing it only when the last renewal is older than SESSION_RENEW_SECONDS
costs one write a minute per active user instead. The idle limit can end up to
that interval early, never late: the expiry is only ever moved forward.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

RENEWED_AT = "_lotse_renewed_at"


def renewal_due(renewed_at: object, now: float) -> bool:
    if not isinstance(renewed_at, int | float):
        return True
    return now - renewed_at >= settings.SESSION_RENEW_SECONDS or renewed_at > now


class SessionRenewalMiddleware:
    """Sits just inside SessionMiddleware, which saves a modified session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a signed-in user's session has an idle limit to renew; stamping an
        # anonymous or expired one would store a new session for nobody.
        if session is None or session.is_empty() or SESSION_KEY not in session:
            return response
        now = time.time()
        if renewal_due(session.get(RENEWED_AT), now):
            session[RENEWED_AT] = int(now)  # marks the session modified: it is saved
        return response
