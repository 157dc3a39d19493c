import re
from pathlib import Path

import pytest
from django.urls import reverse

from lotse.testing import factories as f

BASE_DIR = Path(__file__).resolve().parents[3]


def _csp(response) -> dict[str, list[str]]:
    directives = [d.strip().split() for d in response["Content-Security-Policy"].split(";")]
    return {d[0]: d[1:] for d in directives if d}


def _assert_common_headers(response) -> None:
    csp = _csp(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("url", ["/accounts/login/", "/api/docs/", "/health/ready"])
def test_it_sends_the_security_headers_to_anyone(client, settings, url):
    settings.SECURE_HSTS_SECONDS = 31536000  # what LOTSE_TLS=true sets
    _assert_common_headers(client.get(url, secure=True))


def test_it_sends_the_security_headers_on_a_signed_in_page_and_an_api_answer(
    client, login, settings, caritas, alice
):
    settings.SECURE_HSTS_SECONDS = 31536000
    login(alice)
    page = client.get(reverse("people:search"), secure=True)
    api = client.get("/api/v1/people/", secure=True)
    assert page.status_code == 200 and api.status_code == 200
    _assert_common_headers(page)
    _assert_common_headers(api)


def test_it_sends_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/health/ready")


def test_it_serves_the_swagger_start_script_from_a_url(client):
    page = client.get("/api/docs/").content.decode()
    assert '<script src="/api/docs/?script="></script>' in page
    assert client.get("/api/docs/?script=")["Content-Type"].startswith("application/javascript")


# An inline script or style would be blocked by the CSP: keep them out of templates.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


# Rendered to PDF by WeasyPrint, never sent to a browser: CSP does not apply.
PRINT_TEMPLATES = {
    "plans/templates/plans/pdf.html",
    "outreach/templates/outreach/letter.html",
}


def test_it_has_no_inline_script_or_style_in_any_template():
    offenders = [
        f"{path.relative_to(BASE_DIR)}: {match.group(0)}"
        for path in BASE_DIR.glob("*/templates/**/*.html")
        if str(path.relative_to(BASE_DIR)) not in PRINT_TEMPLATES
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []


def test_it_forbids_the_htmx_injected_indicator_style(client, login, caritas, alice):
    login(alice)
    f.person(caritas, alice)
    page = client.get(reverse("core:home")).content.decode()
    assert '"includeIndicatorStyles": false' in page
