from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.tests.conftest import code_for, enrol

SETUP = reverse("accounts:totp_setup")


def test_it_sends_a_user_without_authenticator_to_the_setup(client, alice):
    client.force_login(alice)

    response = client.get(reverse("accounts:second_factor") + "?next=/cases/")

    assert response["Location"] == f"{SETUP}?next=%2Fcases%2F"


def test_it_shows_a_qr_code_and_the_key_for_manual_entry(client, alice):
    client.force_login(alice)

    response = client.get(SETUP)

    html = response.content.decode()
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    assert '<svg role="img"' in html
    assert "<title>" in html
    secret = response.context["secret"]
    assert secret.replace(" ", "") and secret in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert response["Cache-Control"].count("no-store") == 1
    # Reloading keeps the same key, so a code from the already scanned app still fits.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_it_confirms_the_app_with_a_real_code_and_shows_recovery_codes_once(client, alice):
    client.force_login(alice)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=alice)

    response = client.post(SETUP, {"code": code_for(device), "next": "/cases/"})

    assert response.status_code == 200
    assert "accounts/recovery_codes_new.html" in [t.name for t in response.templates]
    codes = response.context["codes"]
    assert len(codes) == 10
    html = response.content.decode()
    assert all(code in html for code in codes)
    assert 'href="/cases/"' in html
    device.refresh_from_db()
    assert device.confirmed
    stored = set(StaticToken.objects.filter(device__user=alice).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in codes}
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/").status_code == 200


def test_it_refuses_a_wrong_code_and_keeps_the_app_unconfirmed(client, alice):
    client.force_login(alice)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=alice)
    wrong = "000000" if code_for(device) != "000000" else "111111"

    response = client.post(SETUP, {"code": wrong})

    assert response.status_code == 200
    assert 'aria-describedby="id_code_error"' in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_it_rejects_a_malformed_code(client, alice):
    client.force_login(alice)

    response = client.post(SETUP, {"code": "12ab"})

    assert "code" in response.context["form"].errors


def test_it_refuses_setup_to_someone_who_knows_only_the_password(client, alice):
    enrol(alice)
    client.force_login(alice)

    response = client.get(SETUP)

    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert TOTPDevice.objects.filter(user=alice, confirmed=False).count() == 0


def test_it_lets_a_verified_user_replace_the_app(client, alice):
    old, _codes = enrol(alice)
    client.force_login(alice)
    client.post(reverse("accounts:second_factor"), {"code": code_for(old)})
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=alice, confirmed=False)

    response = client.post(SETUP, {"code": code_for(new)})

    assert response.status_code == 200
    assert list(TOTPDevice.objects.filter(user=alice)) == [new]
    # The session now rests on the new device, so the user stays verified.
    assert client.get("/").status_code == 200


def test_it_ignores_an_unsafe_next_after_setup(client, alice):
    client.force_login(alice)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=alice)

    response = client.post(SETUP, {"code": code_for(device), "next": "//evil.example/"})

    assert "evil.example" not in response.content.decode()
