from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken

from lotse.accounts.tests.conftest import code_for, enrol
from lotse.audit.models import AuditAction, AuditEntry
from lotse.testing.factories import PASSWORD

SECOND_FACTOR = reverse("accounts:second_factor")


def _sign_in_with_password(client, username="alice"):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_it_completes_sign_in_with_the_app_code(client, alice):
    device, _codes = enrol(alice)
    _sign_in_with_password(client)
    key_before = client.session.session_key

    response = client.post(SECOND_FACTOR, {"code": code_for(device), "next": "/cases/"})

    assert response["Location"] == "/cases/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != key_before
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN)
    assert entry.changes == {"second_factor": "totp"}


def test_it_refuses_a_code_that_was_already_used(client, alice):
    device, _codes = enrol(alice)
    code = code_for(device)
    _sign_in_with_password(client)
    client.post(SECOND_FACTOR, {"code": code})
    client.post(reverse("accounts:logout"))
    _sign_in_with_password(client)

    response = client.post(SECOND_FACTOR, {"code": code})

    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert "code" in response.context["code_form"].errors


def test_it_accepts_a_recovery_code_exactly_once(client, alice):
    _device, codes = enrol(alice)
    _sign_in_with_password(client)

    response = client.post(SECOND_FACTOR, {"recovery_code": codes[0].upper()})

    assert response.status_code == 302
    assert DEVICE_ID_SESSION_KEY in client.session
    assert StaticToken.objects.filter(device__user=alice).count() == 9
    client.post(reverse("accounts:logout"))
    _sign_in_with_password(client)
    response = client.post(SECOND_FACTOR, {"recovery_code": codes[0]})
    assert response.status_code == 200
    assert "recovery_code" in response.context["recovery_form"].errors
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_it_does_not_accept_another_users_recovery_code(client, alice, bob):
    enrol(alice)
    _bob_device, bobs_codes = enrol(bob)
    _sign_in_with_password(client, "alice")

    response = client.post(SECOND_FACTOR, {"recovery_code": bobs_codes[0]})

    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_it_sends_a_verified_user_straight_on(client, login, alice):
    login(alice)

    response = client.get(SECOND_FACTOR + "?next=/cases/")

    assert response["Location"] == "/cases/"
