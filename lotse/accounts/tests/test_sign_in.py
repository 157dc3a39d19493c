from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.testing.factories import PASSWORD

LOGIN = "/accounts/login/"


def test_it_signs_in_a_coordinator_with_the_right_password(client, cody):
    response = client.post(LOGIN, {"username": "cody", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(cody.pk)
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN)
    assert entry.actor_id == cody.pk
    assert entry.changes == {"second_factor": "none"}


def test_it_refuses_a_wrong_password_and_links_the_error_to_the_fields(client, cody):
    response = client.post(LOGIN, {"username": "cody", "password": "wrong password"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert 'id="login-error"' in html
    assert html.count('aria-describedby="login-error"') == 2
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html


def test_it_shows_the_sign_in_form_with_labels(client, db):
    html = client.get(LOGIN).content.decode()

    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert reverse("accounts:password_reset") in html


def test_it_follows_a_safe_next_after_sign_in(client, cody):
    response = client.post(
        LOGIN, {"username": "cody", "password": PASSWORD, "next": "/accounts/profile/"}
    )

    assert response["Location"] == "/accounts/profile/"


def test_it_ignores_a_next_to_another_site(client, cody):
    response = client.post(
        LOGIN, {"username": "cody", "password": PASSWORD, "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("core:home")


def test_it_signs_out_on_post(client, login, alice):
    login(alice)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
