from django.urls import reverse

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.audit.models import AuditAction, AuditEntry


def _create_data(**overrides):
    data = {
        "username": "frieda",
        "first_name": "Frieda",
        "last_name": "Sommer",
        "email": "frieda@example.org",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_it_creates_a_user_with_memberships_audits_and_invites(
    caritas, adam, login, mailoutbox, django_capture_on_commit_callbacks
):
    team = caritas.teams.create(name="Nord")
    client = login(adam)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:user_create"),
            _create_data(
                **{
                    "memberships-0-organisation": caritas.pk,
                    "memberships-0-role": Role.CASE_MANAGER,
                    "memberships-0-team": team.pk,
                }
            ),
        )
    user = User.objects.get(username="frieda")
    assert response.status_code == 302
    assert not user.has_usable_password()
    membership = user.memberships.get()
    assert (membership.organisation, membership.role, membership.team) == (
        caritas,
        Role.CASE_MANAGER,
        team,
    )
    created = AuditEntry.objects.get(object_type="accounts.user", action=AuditAction.CREATE)
    assert created.actor_id == adam.pk
    assert created.changes["username"] == [None, "frieda"]
    assert "password" not in created.changes
    granted = AuditEntry.objects.get(object_type="accounts.membership", action=AuditAction.CREATE)
    assert granted.changes["role"] == [None, Role.CASE_MANAGER]
    assert granted.changes["organisation_id"] == [None, caritas.pk]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["frieda@example.org"]
    assert "/accounts/password/reset/" in mailoutbox[0].body


def test_it_creates_nothing_on_invalid_input(
    caritas, drk, alice, adam, login, mailoutbox, django_capture_on_commit_callbacks
):
    team = caritas.teams.create(name="Nord")
    client = login(adam)
    before = AuditEntry.objects.count()
    bad = {
        "taken username": _create_data(username="alice"),
        "no e-mail": _create_data(email=""),
        "team of another organisation": _create_data(
            **{
                "memberships-0-organisation": drk.pk,
                "memberships-0-role": Role.CASE_MANAGER,
                "memberships-0-team": team.pk,
            }
        ),
        "no role": _create_data(**{"memberships-0-organisation": drk.pk}),
    }
    for name, data in bad.items():
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("network:user_create"), data)
        assert response.status_code == 200, name
        assert response.context["form"].errors or any(response.context["memberships"].errors), name
    assert not User.objects.filter(username="frieda").exists()
    assert AuditEntry.objects.count() == before
    assert mailoutbox == []


def test_it_adds_and_removes_a_membership_with_audit_rows(caritas, jobcentre, bob, adam, login):
    client = login(adam)
    added = client.post(
        reverse("network:membership_add", args=[bob.pk]),
        {"organisation": caritas.pk, "role": Role.CASE_MANAGER},
    )
    assert added.status_code == 302
    membership = Membership.objects.get(user=bob, organisation=caritas)
    entry = AuditEntry.objects.get(object_type="accounts.membership", action=AuditAction.CREATE)
    assert entry.actor_id == adam.pk
    assert entry.changes["user_id"] == [None, bob.pk]

    removed = client.post(reverse("network:membership_remove", args=[bob.pk, membership.pk]))
    assert removed.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(object_type="accounts.membership", action=AuditAction.DELETE)
    assert entry.object_id == str(membership.pk)
    assert entry.changes["role"] == [Role.CASE_MANAGER, None]
    assert bob.memberships.get().organisation == jobcentre


def test_it_refuses_a_duplicate_membership(jobcentre, bob, adam, login):
    before = AuditEntry.objects.count()
    response = login(adam).post(
        reverse("network:membership_add", args=[bob.pk]),
        {"organisation": jobcentre.pk, "role": Role.OFFICE_STAFF},
    )
    assert response.status_code == 200
    assert response.context["membership_form"].errors["role"]
    assert bob.memberships.count() == 1
    assert AuditEntry.objects.count() == before


def test_it_deactivates_a_user_with_an_audit_row(alice, adam, login):
    client = login(adam)
    response = client.post(
        reverse("network:user_edit", args=[alice.pk]),
        {"first_name": alice.first_name, "last_name": alice.last_name, "email": alice.email},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.is_active is False
    entry = AuditEntry.objects.get(object_type="accounts.user", action=AuditAction.UPDATE)
    assert entry.changes == {"is_active": [True, False]}


def test_it_keeps_administrators_from_changing_their_own_access(district, caritas, adam, login):
    client = login(adam)
    before = AuditEntry.objects.count()
    grant = client.post(
        reverse("network:membership_add", args=[adam.pk]),
        {"organisation": caritas.pk, "role": Role.CASE_MANAGER},
    )
    assert grant.status_code == 200
    assert grant.context["membership_form"].non_field_errors()
    own = adam.memberships.get()
    client.post(reverse("network:membership_remove", args=[adam.pk, own.pk]))
    assert list(adam.memberships.all()) == [own]
    assert AuditEntry.objects.count() == before


def test_it_lists_users_with_their_memberships(alice, bob, adam, login):
    page = login(adam).get(reverse("network:users"), {"q": "ali"})
    content = page.content.decode()
    assert "alice" in content and "Case manager at Caritas Musterkreis" in content
    assert "bob" not in content
