"""Changes to persons and their details. Each runs in one transaction with its audit row."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from lotse.access.grants import rebuild_person_grants
from lotse.audit.log import record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.network.models import Organisation
from lotse.people.models import NameSpelling, Person

PERSON_FIELDS = (
    "given_names",
    "family_name",
    "birth_date",
    "birth_date_precision",
    "birth_date_placeholder",
    "sex",
    "birth_place",
)


@transaction.atomic
def do_create_person(
    actor: Any,
    organisation: Organisation,
    *,
    spellings: list[dict[str, str]] | None = None,
    **fields: Any,
) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    person = Person(registered_by=organisation, created_by=actor, **fields)
    person.full_clean()
    person.save()
    record_change(actor, person, None)
    for spelling in spellings or []:
        do_add_detail(actor, NameSpelling(person=person, **spelling))
    rebuild_person_grants(person.pk)
    return person


@transaction.atomic
def do_update_person(actor: Any, person: Person, **fields: Any) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    record_change(actor, person, before)
    return person


@transaction.atomic
def do_add_detail(actor: Any, detail: models.Model) -> models.Model:
    """Add one detail row (spelling, address, contact, nationality, language, identifier...)."""
    detail.full_clean()
    detail.save()
    record_change(actor, detail, None)
    return detail


@transaction.atomic
def do_remove_detail(actor: Any, detail: models.Model) -> None:
    before = snapshot(detail)
    pk = detail.pk
    detail.delete()
    detail.pk = pk
    record_change(actor, detail, before, action=AuditAction.DELETE)
