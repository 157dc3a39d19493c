"""Fixtures of the browser tests.

One Chromium for all tests of this package (starting it costs about a second),
a fresh browser context (cookies, storage) per test, and axe-core run on every
page a journey visits: `journey` remembers each URL the page navigated to and
fails the test at the end if one of them was never checked.
"""

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lotse.e2e.browsing import Journey
from lotse.testing.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = "Chromium not installed: apt-get install chromium"
MISSING_PLAYWRIGHT = "Playwright not installed: pip install -e '.[dev]'"

_missing: list[str] = []


def _unavailable(reason: str) -> None:
    """In CI a missing browser is a broken pipeline; on a laptop it is a loud skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)", pytrace=False)
    if reason not in _missing:
        _missing.append(reason)
        warnings.warn(reason, stacklevel=1)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for reason in _missing:
        terminalreporter.write_sep("!", f"BROWSER TESTS SKIPPED: {reason}", red=True, bold=True)


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(MISSING_CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(MISSING_PLAYWRIGHT)
    # Playwright's synchronous API keeps an asyncio loop running in this
    # thread, which makes Django refuse ORM calls from the test body. The test
    # code is synchronous all the same; the flag is lifted again when the
    # browser stops, so the rest of the test run keeps Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _plain_http_sign_in(settings: Any) -> None:
    # The live server speaks plain HTTP: secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # Most journeys start behind the second factor; one journey does the real TOTP flow.
    settings.LOTSE_REQUIRE_2FA = False


@pytest.fixture
def journey(browser: Any, live_server: Any) -> Iterator[Journey]:
    # German browser, as at a German office: the product's default language.
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(10_000)
    walk = Journey(context.new_page(), live_server.url, PASSWORD)
    try:
        yield walk
        walk.assert_clean_end()
    finally:
        context.close()
