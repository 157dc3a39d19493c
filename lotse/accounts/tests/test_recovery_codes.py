from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from lotse.accounts.tests.conftest import code_for, enrol

SECOND_FACTOR = reverse("accounts:second_factor")
RECOVERY = reverse("accounts:recovery_codes")


def _verified(client, user):
    device, codes = enrol(user)
    client.force_login(user)
    client.post(SECOND_FACTOR, {"code": code_for(device)})
    return device, codes


def test_it_counts_the_codes_left_without_showing_them(client, alice):
    _device, codes = _verified(client, alice)

    response = client.get(RECOVERY)

    html = response.content.decode()
    assert response.context["codes_left"] == 10
    assert not any(code in html for code in codes)


def test_it_makes_new_codes_after_a_fresh_app_code(client, alice):
    device, old_codes = _verified(client, alice)

    response = client.post(RECOVERY, {"code": code_for(device, steps_ahead=1)})

    new_codes = response.context["codes"]
    assert len(new_codes) == 10
    stored = set(StaticToken.objects.filter(device__user=alice).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in new_codes}
    assert not stored & {code.replace("-", "") for code in old_codes}


def test_it_keeps_the_codes_when_the_app_code_is_wrong(client, alice):
    device, old_codes = _verified(client, alice)
    wrong = "000000" if code_for(device, 1) != "000000" else "111111"

    response = client.post(RECOVERY, {"code": wrong})

    assert "code" in response.context["form"].errors
    stored = set(StaticToken.objects.filter(device__user=alice).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in old_codes}
