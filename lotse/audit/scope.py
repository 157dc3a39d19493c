"""Which audit entries a data-protection officer may read.

A DPO answers for their organisation: for the persons it owns (whoever
touched them, including other organisations reading under a consent) and for
what its own staff did (whichever person they touched). Entries recorded while
acting for the organisation stay in scope after the actor's membership ends:
the audit must outlive the access.
"""

from typing import Any

from django.db.models import Q

from lotse.access.visibility import Action
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.audit.models import AuditEntry, AuditEntryQuerySet
from lotse.people.models import Person


def dpo_organisation_ids(user: Any) -> list[int]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return user.organisations_with_role({Role.DPO})


def is_dpo(user: Any) -> bool:
    return bool(dpo_organisation_ids(user))


def audit_scope(user: Any) -> AuditEntryQuerySet:
    organisations = dpo_organisation_ids(user)
    if not organisations:
        return AuditEntry.objects.none()
    persons = Person.objects.visible_to(user, Action.AUDIT).values("id")
    members = Membership.objects.filter(organisation_id__in=organisations).values("user_id")
    return AuditEntry.objects.filter(
        Q(person_id__in=persons) | Q(actor_id__in=members) | Q(organisation_id__in=organisations)
    )
