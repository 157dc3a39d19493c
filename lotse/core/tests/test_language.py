"""The web interface is German unless the user switched; the API follows Accept-Language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, settings):
    # Undo the suite's English cookie: this is a first visit.
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    return client


def test_an_english_browser_still_sees_german(browser):
    page = browser.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert page.headers["Content-Language"] == "de"
    assert '<html lang="de">' in page.content.decode()


def test_the_language_switch_wins(browser, settings):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = browser.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="de")
    assert page.headers["Content-Language"] == "en"


def test_an_unknown_cookie_value_falls_back_to_german(browser, settings):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    page = browser.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.headers["Content-Language"] == "de"


@pytest.mark.parametrize(("header", "expected"), [("en", "en"), ("de", "de"), ("", "de")])
def test_the_api_follows_accept_language(browser, header, expected):
    answer = browser.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE=header)
    assert answer.status_code in (401, 403)
    assert answer.headers["Content-Language"] == expected
