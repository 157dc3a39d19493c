import pytest
from django.urls import reverse

from lotse.cases.models import Case
from lotse.testing import factories as f


def _urls(organisation, team, user, membership):
    return [
        reverse("network:organisations"),
        reverse("network:organisation_create"),
        reverse("network:organisation_edit", args=[organisation.pk]),
        reverse("network:team_create", args=[organisation.pk]),
        reverse("network:team_edit", args=[organisation.pk, team.pk]),
        reverse("network:users"),
        reverse("network:user_create"),
        reverse("network:user_edit", args=[user.pk]),
    ]


@pytest.fixture
def targets(caritas, alice):
    team = caritas.teams.create(name="Team Nord")
    return _urls(caritas, team, alice, alice.memberships.get())


@pytest.mark.parametrize("persona", ["alice", "bob", "carol", "dora"])
def test_it_answers_404_to_everyone_but_administrators(targets, login, request, persona):
    client = login(request.getfixturevalue(persona))
    for url in targets:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "X"}).status_code == 404, url


def test_it_sends_anonymous_visitors_to_sign_in(targets, client):
    for url in targets:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_it_lets_the_administrator_in(targets, adam, login):
    client = login(adam)
    for url in targets:
        assert client.get(url).status_code == 200, url


def test_it_shows_the_administrator_no_case_content(caritas, alice, adam, login):
    case = f.case(caritas, managers=(alice,), actor=alice)
    client = login(adam)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert list(Case.objects.visible_to(adam)) == []
    page = client.get(reverse("network:users")).content.decode()
    assert case.person.family_name not in page
