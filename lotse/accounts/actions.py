"""Changes to users: their sign-in credentials, and (by administrators) their accounts and
memberships. Each runs in one transaction with its audit row."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import Membership, PersonalToken, User
from lotse.accounts.second_factor import issue_recovery_codes
from lotse.audit.log import record, record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.network.models import Organisation, Team

USER_OBJECT = "accounts.user"
TOKEN_OBJECT = "accounts.personaltoken"


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def do_record_sign_in(user: Any, *, second_factor: str) -> None:
    """second_factor: "totp", "recovery_code" or "none" (role or installation needs none)."""
    record(
        user,
        AuditAction.SIGN_IN,
        object_type=USER_OBJECT,
        object_id=user.pk,
        changes={"second_factor": second_factor},
    )


def do_enrol_authenticator(actor: Any, device: TOTPDevice) -> list[str]:
    """Confirm a verified authenticator, retire older ones and issue fresh recovery codes."""
    with transaction.atomic():
        others = TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk)
        replaced = others.filter(confirmed=True).exists()
        others.delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = issue_recovery_codes(actor)
        record(
            actor,
            AuditAction.UPDATE,
            object_type=USER_OBJECT,
            object_id=actor.pk,
            changes={"authenticator": ["replaced" if replaced else None, "enrolled"]},
        )
    return codes


def do_regenerate_recovery_codes(actor: Any) -> list[str]:
    with transaction.atomic():
        codes = issue_recovery_codes(actor)
        record(
            actor,
            AuditAction.UPDATE,
            object_type=USER_OBJECT,
            object_id=actor.pk,
            changes={"recovery_codes": [None, "regenerated"]},
        )
    return codes


def do_issue_token(
    actor: Any, *, name: str, expires_at: datetime.datetime | None
) -> tuple[PersonalToken, str]:
    with transaction.atomic():
        token, raw = PersonalToken.issue(actor, name, expires_at=expires_at)
        # Never the hash: the audit trail is readable by the DPO.
        record(
            actor,
            AuditAction.CREATE,
            object_type=TOKEN_OBJECT,
            object_id=token.pk,
            changes={
                "name": [None, name],
                "prefix": [None, token.prefix],
                "expires_at": [None, _iso(expires_at)],
            },
        )
    return token, raw


def do_revoke_token(actor: Any, token: PersonalToken) -> bool:
    """Revoke the token; False if it was already revoked (nothing changes then)."""
    with transaction.atomic():
        now = timezone.now()
        changed = PersonalToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=now
        )
        if not changed:
            return False
        token.revoked_at = now
        record(
            actor,
            AuditAction.UPDATE,
            object_type=TOKEN_OBJECT,
            object_id=token.pk,
            changes={"revoked_at": [None, _iso(now)]},
        )
    return True


# --- User and membership administration (network administration pages) ---
#
# Memberships decide which organisation's cases a user sees, so every change
# to them is audited. Nobody changes their own memberships here: an
# administrator must not be able to grant themselves case access unseen.

USER_ADMIN_FIELDS = ("username", "first_name", "last_name", "email", "is_active")


def _user_values(user: User) -> dict[str, Any]:
    # Never the password hash: the audit trail is readable by the DPO.
    return {name: getattr(user, name) for name in USER_ADMIN_FIELDS}


def _refuse_own(actor: Any, user: User) -> None:
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot change your own memberships or account here."))


def do_create_user(
    actor: Any,
    *,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    memberships: Iterable[tuple[Organisation, str, Team | None]] = (),
) -> User:
    """Create a user without a password; they set one through the invitation link."""
    with transaction.atomic():
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        record(
            actor,
            AuditAction.CREATE,
            object_type=USER_OBJECT,
            object_id=user.pk,
            changes={name: [None, value] for name, value in _user_values(user).items()},
        )
        for organisation, role, team in memberships:
            do_add_membership(actor, user, organisation=organisation, role=role, team=team)
    return user


def do_update_user(actor: Any, user: User, **fields: Any) -> User:
    """Change names, e-mail or the active flag; deactivating ends sign-in and API access."""
    if set(fields) - {"first_name", "last_name", "email", "is_active"}:
        raise ValidationError(_("These fields cannot be changed here."))
    with transaction.atomic():
        _refuse_own(actor, user)
        user = User.objects.select_for_update().get(pk=user.pk)
        before = _user_values(user)
        for name, value in fields.items():
            setattr(user, name, value)
        user.full_clean(exclude=["password"])
        user.save(update_fields=list(fields))
        after = _user_values(user)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changes:
            record(
                actor,
                AuditAction.UPDATE,
                object_type=USER_OBJECT,
                object_id=user.pk,
                changes=changes,
            )
    return user


def do_add_membership(
    actor: Any, user: User, *, organisation: Organisation, role: str, team: Team | None = None
) -> Membership:
    with transaction.atomic():
        _refuse_own(actor, user)
        if team is not None and team.organisation_id != organisation.pk:
            raise ValidationError({"team": [_("The team must belong to the organisation.")]})
        if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
            raise ValidationError(
                {"role": [_("The user already has this role in this organisation.")]}
            )
        membership = Membership(user=user, organisation=organisation, role=role, team=team)
        membership.full_clean()
        membership.save()
        record_change(actor, membership, None)
    return membership


def do_remove_membership(actor: Any, membership: Membership) -> None:
    with transaction.atomic():
        _refuse_own(actor, membership.user)
        before = snapshot(membership)
        pk = membership.pk
        membership.delete()
        membership.pk = pk
        record_change(actor, membership, before, action=AuditAction.DELETE)
