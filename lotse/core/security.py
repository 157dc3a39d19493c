"""Response headers Django has no setting for.

Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY);
HSTS, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy from Django's
SecurityMiddleware; X-Frame-Options from its clickjacking middleware.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

# Lotse uses none of these browser features; denying them means an injected
# script or a framed page cannot ask for them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreMiddleware:
    """No copy of a signed-in user's page or any API answer in a cache.

    A shared office computer's browser cache, the back button after signing
    out, or a proxy in between would otherwise keep personal data after the
    session ended. Every response to a signed-in user (whatever its status,
    as a 404 page still names the user) and every API response is marked
    no-store; the API's token users are signed in only inside DRF's view, so
    the API prefix is covered as a whole. Static files and the health checks
    hold no personal data and stay cacheable; the sign-in page holds none.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.exempt = (
            settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else f"/{settings.STATIC_URL}",
            "/health/",
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.exempt):
            return response
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
            # HTTP/1.0 caches know only Pragma.
            response["Pragma"] = "no-cache"
        return response
