"""Second-factor devices of a user: the authenticator app (TOTP) and recovery codes.

django-otp keeps the devices; this module holds the few rules Lotse adds on top:
one authenticator per user, one set of recovery codes named "recovery", and
verification against a specific device so that django-otp's throttling applies.
"""

from base64 import b32encode
from typing import Any

import segno
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10


def confirmed_authenticator(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def pending_authenticator(user: Any) -> TOTPDevice:
    """The unconfirmed device being set up; kept across page loads so the QR code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def normalise_recovery_code(raw: str) -> str:
    # Codes are shown in groups ("abcd-efgh"); people type them with or without
    # the hyphen, with spaces, or in capitals.
    return "".join(ch for ch in raw.lower() if ch.isalnum())


def format_recovery_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def _verify(device_cls: type[Any], device_pk: int, code: str) -> Any | None:
    # Lock the device row: two parallel submissions of the same code must not both
    # pass, and the throttling counter must count every failure.
    with transaction.atomic():
        device = device_cls.objects.select_for_update().filter(pk=device_pk).first()
        if device is not None and device.verify_token(code):
            return device
    return None


def verify_authenticator_code(device: TOTPDevice, code: str) -> TOTPDevice | None:
    result: TOTPDevice | None = _verify(TOTPDevice, device.pk, code)
    return result


def verify_recovery_code(user: Any, code: str) -> StaticDevice | None:
    code = normalise_recovery_code(code)
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        verified: StaticDevice | None = _verify(StaticDevice, device.pk, code)
        if verified is not None:
            return verified
    return None


def throttled_seconds(device: Any) -> int:
    """Seconds until the device accepts another attempt after repeated wrong codes (0: now)."""
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    return max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)


def issue_recovery_codes(user: Any) -> list[str]:
    """Replace the user's recovery codes with a fresh set; returns the codes to show once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [format_recovery_code(code) for code in codes]


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def grouped_secret(device: TOTPDevice) -> str:
    """The key in base32 for typing into an app by hand, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(url: str, title: str) -> SafeString:
    svg = segno.make(url, error="m").svg_inline(
        scale=5, border=4, title=title, svgclass="qr-code", dark="#000", light="#fff"
    )
    # segno builds the markup from the QR matrix and escapes the title itself;
    # role=img makes screen readers announce the title instead of the paths.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308
