import re

from django.core import mail
from django.urls import reverse

from lotse.testing.factories import PASSWORD

NEW_PASSWORD = "Elbe-Fähre kreuzt 7 Mal"


def test_it_changes_the_password_of_a_verified_user(client, login, alice):
    login(alice)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response["Location"] == reverse("accounts:profile")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    # Still signed in and still verified after the change.
    assert client.get("/").status_code == 200


def test_it_keeps_the_password_when_the_old_one_is_wrong(client, login, alice):
    login(alice)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert 'aria-describedby="id_old_password_error"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_mails_a_reset_link_that_sets_a_new_password(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": alice.email})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    assert "Lotse" in message.subject
    link = re.search(r"https?://testserver(/accounts/password/reset/\S+/)", message.body)
    assert link, message.body

    # Django swaps the token for a session marker and redirects once.
    form_url = client.get(link.group(1))["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_it_writes_the_reset_mail_in_the_language_of_the_request(client, alice):
    client.post(reverse("accounts:password_reset"), {"email": alice.email})

    assert "choose a new password" in mail.outbox[0].body


def test_it_sends_no_mail_for_an_unknown_address_and_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
