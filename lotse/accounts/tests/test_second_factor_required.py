from urllib.parse import quote

from django.urls import reverse

from lotse.testing.factories import PASSWORD

SECOND_FACTOR = reverse("accounts:second_factor")


def test_it_sends_a_case_manager_to_the_second_factor_after_the_password(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert response["Location"] == f"{SECOND_FACTOR}?next=%2F"


def test_it_redirects_an_unverified_case_manager_from_any_page(client, alice):
    client.force_login(alice)

    response = client.get("/people/?q=Haddad")

    assert response.status_code == 302
    assert response["Location"] == f"{SECOND_FACTOR}?next={quote('/people/?q=Haddad', safe='')}"


def test_it_tells_htmx_to_load_the_second_factor_page(client, alice):
    client.force_login(alice)

    response = client.get("/", HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"].startswith(SECOND_FACTOR)


def test_it_guards_account_pages_that_the_middleware_leaves_alone(client, alice):
    client.force_login(alice)

    for name in ("profile", "password_change", "tokens", "recovery_codes"):
        response = client.get(reverse(f"accounts:{name}"))
        assert response.status_code == 302, name
        assert response["Location"].startswith(SECOND_FACTOR), name


def test_it_lets_a_coordinator_work_without_second_factor(client, cody):
    client.force_login(cody)

    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_it_lets_a_verified_case_manager_work(client, login, alice):
    login(alice)

    assert client.get("/").status_code == 200


def test_it_does_not_ask_when_the_installation_turns_2fa_off(client, alice, settings):
    settings.LOTSE_REQUIRE_2FA = False
    client.force_login(alice)

    assert client.get("/").status_code == 200
