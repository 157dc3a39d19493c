import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.models import PersonalToken
from lotse.audit.models import AuditEntry

TOKENS = reverse("accounts:tokens")
WHOAMI = "/api/test-whoami/"
pytestmark = pytest.mark.urls("lotse.accounts.tests.urls")


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_shows_the_raw_token_once_and_stores_only_its_hash(client, login, alice):
    login(alice)

    response = client.post(TOKENS, {"name": "Report script", "expires_on": ""})

    raw = response.context["raw"]
    assert raw.startswith("lotse_")
    assert raw in response.content.decode()
    assert response["Cache-Control"].count("no-store") == 1
    token = PersonalToken.objects.get(user=alice)
    assert token.name == "Report script"
    assert token.expires_at is None
    assert raw not in token.key_hash
    listing = client.get(TOKENS).content.decode()
    assert "Report script" in listing
    assert raw not in listing
    assert token.prefix in listing
    assert raw not in str(AuditEntry.objects.get(object_type="accounts.personaltoken").changes)


def test_it_authenticates_api_requests_with_the_new_token(client, login, alice):
    login(alice)
    raw = client.post(TOKENS, {"name": "Script"}).context["raw"]
    client.post(reverse("accounts:logout"))

    response = client.get(WHOAMI, **_bearer(raw))

    assert response.status_code == 200
    assert response.json() == {"username": "alice"}
    assert PersonalToken.objects.get(user=alice).last_used_at is not None


def test_it_sets_the_expiry_to_the_end_of_the_chosen_day(client, login, alice):
    login(alice)
    day = timezone.localdate() + datetime.timedelta(days=7)

    client.post(TOKENS, {"name": "Week", "expires_on": day.isoformat()})

    expires_at = timezone.localtime(PersonalToken.objects.get(user=alice).expires_at)
    assert expires_at.date() == day + datetime.timedelta(days=1)
    assert expires_at.time() == datetime.time()


def test_it_refuses_an_expiry_in_the_past(client, login, alice):
    login(alice)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client.post(TOKENS, {"name": "Old", "expires_on": yesterday.isoformat()})

    assert "expires_on" in response.context["form"].errors
    assert not PersonalToken.objects.exists()


def test_it_refuses_a_revoked_token(client, login, alice):
    login(alice)
    raw = client.post(TOKENS, {"name": "Script"}).context["raw"]
    token = PersonalToken.objects.get(user=alice)

    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))

    assert response["Location"] == TOKENS
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.post(reverse("accounts:logout"))
    assert client.get(WHOAMI, **_bearer(raw)).status_code == 401


def test_it_refuses_an_expired_token(client, alice):
    _token, raw = PersonalToken.issue(
        alice, "Old", expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert client.get(WHOAMI, **_bearer(raw)).status_code == 401


def test_it_lists_expired_and_revoked_tokens_with_their_state(client, login, alice):
    PersonalToken.issue(alice, "Gone", expires_at=timezone.now() - datetime.timedelta(days=1))
    revoked, _raw = PersonalToken.issue(alice, "Stopped")
    revoked.revoked_at = timezone.now()
    revoked.save()
    login(alice)

    states = {token.name: state for token, state in client.get(TOKENS).context["tokens"]}

    assert states == {"Gone": "expired", "Stopped": "revoked"}


def test_it_answers_404_for_someone_elses_token(client, login, alice, bob):
    bobs_token, _raw = PersonalToken.issue(bob, "Bob's")
    login(alice)

    response = client.post(reverse("accounts:token_revoke", args=[bobs_token.pk]))

    assert response.status_code == 404
    bobs_token.refresh_from_db()
    assert bobs_token.revoked_at is None


def test_it_lists_only_own_tokens(client, login, alice, bob):
    PersonalToken.issue(bob, "Bob's script")
    login(alice)

    assert "Bob's script" not in client.get(TOKENS).content.decode()


def test_it_revokes_only_by_post(client, login, alice):
    token, _raw = PersonalToken.issue(alice, "Script")
    login(alice)

    assert client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405


def test_it_asks_even_a_coordinator_for_the_second_factor_before_issuing(client, cody):
    client.force_login(cody)

    response = client.post(TOKENS, {"name": "Script"})

    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert not PersonalToken.objects.exists()


def test_it_allows_tokens_without_second_factor_when_the_installation_turns_it_off(
    client, cody, settings
):
    settings.LOTSE_REQUIRE_2FA = False
    client.force_login(cody)

    response = client.post(TOKENS, {"name": "Script"})

    assert response.status_code == 200
    assert PersonalToken.objects.filter(user=cody).count() == 1
