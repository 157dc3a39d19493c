from django.urls import reverse

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.network.models import Team

PROFILE = reverse("accounts:profile")


def test_it_shows_memberships_and_second_factor_state(client, login, alice, jobcentre):
    team = Team.objects.create(organisation=jobcentre, name="Team Nord")
    Membership.objects.create(user=alice, organisation=jobcentre, role=Role.TEAM_LEAD, team=team)
    login(alice)

    html = client.get(PROFILE).content.decode()

    assert "Caritas Musterkreis" in html
    assert "Jobcenter Musterkreis" in html
    assert "Team Nord" in html
    assert "Team lead" in html
    for name in ("password_change", "recovery_codes", "tokens"):
        assert reverse(f"accounts:{name}") in html


def test_it_reads_a_constant_number_of_queries(
    client, login, alice, jobcentre, drk, django_assert_max_num_queries
):
    for org in (jobcentre, drk):
        Membership.objects.create(user=alice, organisation=org, role=Role.CASE_MANAGER)
    login(alice)

    with django_assert_max_num_queries(12):
        response = client.get(PROFILE)

    assert len(response.context["memberships"]) == 3
