"""Swagger UI (/api/docs/) works under Lotse's Content-Security-Policy.

Not an axe journey: the page is the sidecar package's markup, not Lotse's.
"""

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_it_renders_the_api_docs_without_a_blocked_script_or_style(browser: Any, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Security Policy" in m.text else None)
    page.on("pageerror", lambda error: blocked.append(str(error)))
    try:
        response = page.goto("/api/docs/")
        assert response is not None and response.ok
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        # The title comes from the schema, fetched and rendered by Swagger UI's scripts.
        page.locator(".swagger-ui .info .title").wait_for(timeout=15_000)
        assert "Lotse API" in page.locator(".swagger-ui .info .title").inner_text()
        # The stylesheet replacing the inline style block was applied.
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(250, 250, 250)"
    finally:
        context.close()
    assert blocked == []
