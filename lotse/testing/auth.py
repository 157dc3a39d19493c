"""Signing test clients in as a user who has passed the second factor."""

import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.idle import RENEWED_AT


def login_verified(client: Client, user: Any) -> Client:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # As after a real sign-in, whose answer the idle-renewal middleware stamps: the
    # next requests do not renew the session (query counts stay those of a page).
    session[RENEWED_AT] = int(time.time())
    session.save()
    return client
