import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.actions import do_enrol_authenticator
from lotse.accounts.choices import Role
from lotse.testing import factories as f


@pytest.fixture
def cody(caritas):
    """Coordinator: sees no personal data, so needs no second factor."""
    return f.staff(caritas, Role.COORDINATOR, username="cody")


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or that many 30-second steps later).

    A code is accepted once, so a second verification in the same test uses the
    next step's code, which the device's tolerance of one step still accepts.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    """An authenticator already set up, as after a finished setup; returns its recovery codes."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    codes = do_enrol_authenticator(user, device)
    return device, codes
