import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.access.models import Consent
from lotse.testing import factories as f

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def released(owned_case, jobcentre, alice):
    return f.consent(owned_case, [jobcentre], ("identity", "residence"), actor=alice)


def test_it_ends_the_recipients_access_at_once(client, login, owned_case, released, alice, bob):
    person_url = reverse("people:detail", args=[owned_case.person_id])
    login(bob)
    assert client.get(person_url).status_code == 200
    login(alice)
    withdraw = reverse("consents:withdraw", args=[released.pk])
    assert client.get(withdraw).context["form"]["withdrawn_on"].value() == timezone.localdate()
    response = client.post(
        withdraw, {"withdrawn_on": timezone.localdate().isoformat(), "note": "telefonisch"}
    )
    assert response.status_code == 302
    released.refresh_from_db()
    assert released.withdrawn_on == timezone.localdate()
    assert released.withdrawal_note == "telefonisch"
    login(bob)
    assert client.get(person_url).status_code == 404
    assert client.get(reverse("people:cases", args=[owned_case.person_id])).status_code == 404


@pytest.mark.parametrize(
    "day",
    [
        lambda today: today + datetime.timedelta(days=1),
        lambda today: today - datetime.timedelta(days=365),  # before the consent was given
    ],
)
def test_it_refuses_impossible_withdrawal_dates(client, login, released, alice, day):
    login(alice)
    response = client.post(
        reverse("consents:withdraw", args=[released.pk]),
        {"withdrawn_on": day(timezone.localdate()).isoformat()},
    )
    assert response.status_code == 200
    assert "withdrawn_on" in response.context["form"].errors
    assert Consent.objects.get(pk=released.pk).withdrawn_on is None


def test_it_refuses_a_second_withdrawal(client, login, released, alice):
    login(alice)
    url = reverse("consents:withdraw", args=[released.pk])
    today = timezone.localdate().isoformat()
    client.post(url, {"withdrawn_on": today})
    response = client.post(url, {"withdrawn_on": today, "note": "again"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Consent.objects.get(pk=released.pk).withdrawal_note == ""


@pytest.mark.parametrize("user", ["bob", "carol", "dora"])
def test_it_lets_only_owner_case_staff_withdraw(client, login, released, request, user):
    login(request.getfixturevalue(user))
    url = reverse("consents:withdraw", args=[released.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"withdrawn_on": timezone.localdate().isoformat()}).status_code == 404
    assert Consent.objects.get(pk=released.pk).withdrawn_on is None
