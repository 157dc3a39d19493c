"""Keys follow every saved or deleted name, whichever path changed it (actions, admin, API)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lotse.namekeys import dictionary, service
from lotse.namekeys.models import NameVariant
from lotse.people.models import NameSpelling, Person


@receiver(post_save, sender=Person)
def _person_saved(sender: Any, instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        service.refresh([instance.pk])


@receiver(post_save, sender=NameSpelling)
@receiver(post_delete, sender=NameSpelling)
def _spelling_changed(
    sender: Any, instance: NameSpelling, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    person_id = instance.person_id
    # A spelling deleted along with its person: the person's keys go by cascade.
    if Person.objects.filter(pk=person_id).exists():
        service.refresh([person_id])


@receiver(post_save, sender=NameVariant)
@receiver(post_delete, sender=NameVariant)
def _variant_changed(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(dictionary.forget)
