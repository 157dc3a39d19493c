"""The real second factor in the browser: set up the app from the QR page, then
sign in again with a fresh code. The code is computed from the key the page shows,
as an authenticator app would."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.browser


def key_from(shown: str) -> bytes:
    """The key as shown for typing by hand: base32 in groups of four, no padding."""
    secret = "".join(shown.split())
    return b32decode(secret + "=" * (-len(secret) % 8))


def code_from(shown: str, drift: int = 0) -> str:
    return f"{totp(key_from(shown), step=30, t0=0, digits=6, drift=drift):06d}"


def test_it_sets_up_the_authenticator_and_signs_in_with_it(journey, alice, settings):
    settings.LOTSE_REQUIRE_2FA = True
    page = journey.page
    journey.use_language("en")

    journey.sign_in("alice")
    assert "/accounts/second_factor/setup/" in page.url
    assert journey.language == "en"
    assert page.locator("main svg.qr-code title").count() == 1
    secret = journey.text("#totp-secret")
    page.fill("#id_code", code_from(secret))
    journey.follow(page.locator("main form button[type=submit]"))

    assert page.locator("ol.recovery-codes li").count() >= 5
    device = TOTPDevice.objects.get(user=alice, confirmed=True)
    assert device.bin_key == key_from(secret)
    journey.follow(page.locator("main a.button"))
    assert page.url.endswith("/")
    assert "/people/" in journey.nav_hrefs()

    journey.follow(page.locator("header form[action='/accounts/logout/'] button"))
    journey.sign_in("alice")
    assert "/accounts/second_factor/" in page.url
    # The code of the step just used is spent; the app's next code is accepted.
    page.fill("#id_code", code_from(secret, drift=1))
    journey.follow(page.locator("main form button[type=submit]").first)
    assert page.url.endswith("/")
    assert "/cases/" in journey.nav_hrefs()
