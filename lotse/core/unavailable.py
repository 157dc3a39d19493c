"""The answer when the database cannot be reached: 503 with Retry-After, not a 500.

While PostgreSQL restarts, every request that touches it raises a connection
error, often before any view runs (sessions, authentication). Django hands all
of them to the 500 handler; this one tells a lost connection apart from a bug,
so clients and proxies see "try again shortly" and operators see a distinct
status. The page is rendered without context processors or the user: anything
that needs the database would fail again.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("lotse.unavailable")

RETRY_AFTER_SECONDS = 10


def database_unavailable(exc: BaseException | None) -> bool:
    # OperationalError also covers deadlocks and lock timeouts: "try again" fits those too.
    return isinstance(exc, OperationalError | InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if not database_unavailable(exc):
        return django_server_error(request)
    # The request gives the line its route, view and request id (lotse.core.logs).
    logger.warning("database unavailable: %s", type(exc).__name__, extra={"request": request})
    message = _("Lotse cannot reach its database at the moment. Please try again in a minute.")
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        html = render_to_string("core/unavailable.html", {"message": message})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
