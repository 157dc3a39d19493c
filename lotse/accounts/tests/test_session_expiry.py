import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

PROFILE = reverse("accounts:profile")


def _session(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_it_renews_the_idle_limit_on_every_request(client, login, alice):
    login(alice)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))

    assert client.get(PROFILE).status_code == 200

    remaining = _session(client).expire_date - timezone.now()
    assert remaining > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_it_ends_a_session_left_idle_longer_than_the_limit(client, login, alice):
    login(alice)
    assert client.get(PROFILE).status_code == 200
    # The last request was longer ago than the idle limit: the stored expiry has passed.
    last_request = timezone.now() - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    Session.objects.filter(pk=_session(client).pk).update(
        expire_date=last_request + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )

    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
