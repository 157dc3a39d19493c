from django.conf import settings

from lotse.testing.factories import PASSWORD

LOGIN = "/accounts/login/"


def _fail(client, username="cody"):
    return client.post(LOGIN, {"username": username, "password": "not the password"})


def test_it_locks_the_account_after_the_configured_failures(client, cody):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _fail(client).status_code == 200

    response = _fail(client)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    assert f"try again in {minutes} minutes" in html
    assert "administrator of your organisation" in html


def test_it_refuses_the_right_password_while_locked(client, cody):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client)

    response = client.post(LOGIN, {"username": "cody", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_locks_only_the_attacked_account(client, cody, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, "cody")

    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
