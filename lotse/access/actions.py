"""Recording and withdrawing releases from confidentiality."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.grants import rebuild_person_grants
from lotse.access.models import Consent, ConsentText
from lotse.audit.log import record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.core.categories import SPECIAL_CATEGORIES
from lotse.network.models import Organisation
from lotse.people.models import Person


def validate_consent(
    *,
    recipients: Iterable[Organisation],
    categories: Iterable[str],
    given_on: datetime.date,
    valid_until: datetime.date | None,
    special_categories_named: bool,
    form: str,
    witness: str,
) -> None:
    errors: dict[str, list[str]] = {}
    cats = set(categories)
    if list(recipients) and not cats:
        errors.setdefault("categories", []).append(
            _("A release with recipients must name at least one data category.")
        )
    if not list(recipients):
        errors.setdefault("recipients", []).append(_("Name at least one recipient."))
    if valid_until is not None and valid_until < given_on:
        errors.setdefault("valid_until", []).append(
            _("The end of validity must not be before the date the consent was given.")
        )
    if given_on > timezone.localdate():
        errors.setdefault("given_on", []).append(_("A consent cannot be given in the future."))
    if cats & SPECIAL_CATEGORIES and not special_categories_named:
        errors.setdefault("special_categories_named", []).append(
            _("Health data is a special category: confirm it was named explicitly.")
        )
    if form == "oral_witnessed" and not witness.strip():
        errors.setdefault("witness", []).append(_("An oral consent needs a witness."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_record_consent(
    actor: Any,
    person: Person,
    *,
    text: ConsentText,
    purpose: str,
    recipients: Iterable[Organisation],
    categories: Iterable[str],
    given_on: datetime.date,
    form: str,
    language: str,
    case: Any = None,
    valid_until: datetime.date | None = None,
    witness: str = "",
    interpreter: str = "",
    special_categories_named: bool = False,
    consequences_explained: bool = False,
    document: Any = None,
) -> Consent:
    recipients = list(recipients)
    categories = frozenset(categories)
    validate_consent(
        recipients=recipients,
        categories=categories,
        given_on=given_on,
        valid_until=valid_until,
        special_categories_named=special_categories_named,
        form=form,
        witness=witness,
    )
    if case is not None and case.person_id != person.pk:
        raise ValidationError({"case": [_("The case belongs to another person.")]})
    consent = Consent(
        person=person,
        case=case,
        text=text,
        purpose=purpose,
        categories=categories,
        given_on=given_on,
        valid_until=valid_until,
        form=form,
        witness=witness,
        language=language,
        interpreter=interpreter,
        special_categories_named=special_categories_named,
        consequences_explained=consequences_explained,
        recorded_by=actor,
    )
    if document:
        consent.document = document
    consent.full_clean(exclude=["recorded_by"])
    consent.save()
    consent.recipients.set(recipients)
    record_change(
        actor, consent, None, extra={"recipients": [None, sorted(r.pk for r in recipients)]}
    )
    rebuild_person_grants(person.pk)
    return consent


@transaction.atomic
def do_withdraw_consent(
    actor: Any, consent: Consent, *, withdrawn_on: datetime.date, note: str = ""
) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": [_("A withdrawal cannot be dated in the future.")]})
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": [_("A withdrawal cannot be dated before the consent was given.")]}
        )
    before = snapshot(consent)
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_note = note
    consent.save(update_fields=["withdrawn_on", "withdrawal_note"])
    record_change(actor, consent, before, action=AuditAction.WITHDRAW)
    # Access through this release ends now, in the same transaction.
    rebuild_person_grants(consent.person_id)
    return consent
