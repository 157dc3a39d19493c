"""Response headers Django has no setting for.

Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY);
HSTS, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy from Django's
SecurityMiddleware; X-Frame-Options from its clickjacking middleware.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
