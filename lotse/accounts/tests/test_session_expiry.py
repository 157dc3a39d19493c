import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.idle import RENEWED_AT, renewal_due

PROFILE = reverse("accounts:profile")


def _session(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _age_renewal(client, seconds):
    """Pretend the last renewal was `seconds` ago and the stored expiry near."""
    row = _session(client)
    data = row.get_decoded()
    data[RENEWED_AT] -= seconds
    row.session_data = Session.objects.encode(data)
    row.expire_date = timezone.now() + datetime.timedelta(minutes=1)
    row.save()


def _session_writes(queries):
    return [q["sql"] for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]


def test_it_renews_the_idle_limit_once_the_last_renewal_is_a_while_ago(client, login, alice):
    login(alice)
    assert client.get(PROFILE).status_code == 200
    _age_renewal(client, settings.SESSION_RENEW_SECONDS)

    assert client.get(PROFILE).status_code == 200

    remaining = _session(client).expire_date - timezone.now()
    assert remaining > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_it_does_not_write_the_session_on_every_request(client, login, alice):
    login(alice)
    assert client.get(PROFILE).status_code == 200  # renewed with the sign-in

    with CaptureQueriesContext(connection) as queries:
        assert client.get(PROFILE).status_code == 200

    assert _session_writes(queries.captured_queries) == []


def test_a_renewal_writes_the_session_once(client, login, alice):
    login(alice)
    assert client.get(PROFILE).status_code == 200
    _age_renewal(client, settings.SESSION_RENEW_SECONDS + 5)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(PROFILE).status_code == 200

    assert len(_session_writes(queries.captured_queries)) == 1


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


@pytest.mark.django_db
def test_an_anonymous_visit_stores_no_session(client):
    client.get(reverse("accounts:login"))

    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    ("seconds_ago", "due"),
    [(None, True), (0, False), (59, False), (60, True), (3600, True), (-3600, True)],
)
def test_renewal_is_due_after_the_interval_or_with_a_stamp_from_the_future(
    settings, seconds_ago, due
):
    settings.SESSION_RENEW_SECONDS = 60
    now = 1_000_000.0
    stamp = None if seconds_ago is None else now - seconds_ago

    assert renewal_due(stamp, now) is due
