"""Changes to organisations and teams, each in one transaction with its audit row.

Organisations are reference data, but deactivating one ends its members'
access to every case at once (memberships of inactive organisations do not
count), so every change is on the audit trail.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.audit.log import record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.network.models import Organisation, Team


def _check_no_cycle(organisation: Organisation) -> None:
    seen = {organisation.pk} if organisation.pk else set()
    parent = organisation.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError(
                {"parent": [_("An organisation cannot belong to one of its own members.")]}
            )
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def do_save_organisation(actor: Any, organisation: Organisation) -> Organisation:
    """Create or update an organisation from an unsaved or changed instance."""
    before = None
    if organisation.pk is not None:
        before = snapshot(Organisation.objects.select_for_update().get(pk=organisation.pk))
    _check_no_cycle(organisation)
    organisation.full_clean()
    organisation.save()
    record_change(actor, organisation, before)
    return organisation


@transaction.atomic
def do_save_team(actor: Any, team: Team) -> Team:
    before = None
    if team.pk is not None:
        before = snapshot(Team.objects.select_for_update().get(pk=team.pk))
    team.full_clean()
    team.save()
    record_change(actor, team, before)
    return team


@transaction.atomic
def do_delete_team(actor: Any, team: Team) -> None:
    # Memberships keep their organisation and role; only the team link goes.
    before = snapshot(team)
    pk = team.pk
    team.delete()
    team.pk = pk
    record_change(actor, team, before, action=AuditAction.DELETE)
