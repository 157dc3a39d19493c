"""Recording contacts, storing documents and closing dormant cases in bulk."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.visibility import Action
from lotse.audit.log import record, record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.cases.choices import ClosingReason
from lotse.cases.models import Case
from lotse.contacts import storage
from lotse.contacts.models import BulkClosure, Contact, Document
from lotse.contacts.uploads import check_upload, clean_name
from lotse.core.categories import DataCategory

# One job closes at most this many cases: a list page's worth, reviewed by a person.
MAX_BULK_CLOSE = 500


@transaction.atomic
def do_record_contact(
    actor: Any,
    case: Case,
    *,
    occurred_on: datetime.date,
    channel: str,
    duration_minutes: int,
    interpreter_language: str = "",
    interpreter: str = "",
    participants: str = "",
    note: str = "",
) -> Contact:
    errors: dict[str, list[str]] = {}
    if not case.is_open:
        raise ValidationError(_("Contacts cannot be added to a closed case."))
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("A contact cannot lie in the future.")]
    elif occurred_on < case.opened_on:
        errors["occurred_on"] = [
            _("The case was opened on %(date)s; a contact cannot be earlier.")
            % {"date": case.opened_on.strftime("%d.%m.%Y")}
        ]
    if interpreter.strip() and not interpreter_language:
        errors["interpreter_language"] = [_("Name the language the interpreter translated.")]
    if errors:
        raise ValidationError(errors)
    contact = Contact(
        case=case,
        occurred_on=occurred_on,
        channel=channel,
        duration_minutes=duration_minutes,
        interpreter_language=interpreter_language,
        interpreter=interpreter.strip(),
        participants=participants.strip(),
        note=note.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # Field validators only: the duration's check constraint is enforced by the
    # database anyway, and validating it here costs a query on the hot path.
    contact.full_clean(exclude=["case", "recorded_by"], validate_constraints=False)
    contact.save()
    record_change(actor, contact, None)
    return contact


def do_upload_document(
    actor: Any,
    case: Case,
    *,
    data_category: str,
    name: str,
    content: bytes,
    title: str = "",
) -> Document:
    if not case.is_open:
        raise ValidationError(_("Documents cannot be added to a closed case."))
    if data_category not in DataCategory.values:
        raise ValidationError({"data_category": [_("Choose the kind of data the document holds.")]})
    kind = check_upload(name, content)
    original = clean_name(name)
    document = Document(
        case=case,
        data_category=data_category,
        title=(title.strip() or original)[:200],
        original_name=original,
        content_type=kind.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        stored_name=storage.new_name(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.full_clean(exclude=["case", "uploaded_by"], validate_unique=False)
    # The file first: a row must never point to nothing. If the row fails, the
    # orphaned ciphertext goes again at once.
    storage.write(document.stored_name, content)
    try:
        with transaction.atomic():
            document.save()
            record(
                actor,
                AuditAction.CREATE,
                object_type="contacts.document",
                object_id=document.pk,
                person_id=case.person_id,
                case_id=case.pk,
                categories=[data_category],
                changes={
                    key: [None, value]
                    for key, value in snapshot(document).items()
                    if key in {"title", "original_name", "data_category", "size", "sha256"}
                },
            )
    except BaseException:
        storage.remove(document.stored_name)
        raise
    return document


@transaction.atomic
def do_delete_document(actor: Any, document: Document) -> None:
    person_id = Case.objects.values_list("person_id", flat=True).get(pk=document.case_id)
    pk, stored = document.pk, document.stored_name
    document.delete()
    record(
        actor,
        AuditAction.DELETE,
        object_type="contacts.document",
        object_id=pk,
        person_id=person_id,
        case_id=document.case_id,
        categories=[document.data_category],
        changes={"title": [document.title, None], "sha256": [document.sha256, None]},
    )
    transaction.on_commit(lambda: storage.remove(stored))


@transaction.atomic
def do_start_bulk_closure(actor: Any, case_ids: Iterable[int], *, reason: str) -> BulkClosure:
    wanted = sorted(set(case_ids))
    if reason not in ClosingReason.values:
        raise ValidationError({"reason": [_("Give a reason for closing.")]})
    if not wanted:
        raise ValidationError({"cases": [_("Choose at least one case.")]})
    if len(wanted) > MAX_BULK_CLOSE:
        raise ValidationError(
            {"cases": [_("Close at most %(count)s cases at once.") % {"count": MAX_BULK_CLOSE}]}
        )
    closable = set(
        Case.objects.visible_to(actor, Action.CHANGE)
        .open()
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if len(closable) != len(wanted):
        # Not which ones: a case the actor may not change must not reveal itself.
        raise ValidationError(
            {
                "cases": [
                    _("%(count)s of the chosen cases are not open cases you may close.")
                    % {"count": len(wanted) - len(closable)}
                ]
            }
        )
    job = BulkClosure.objects.create(
        started_by=actor, reason=reason, case_ids=wanted, total=len(wanted)
    )
    record(
        actor,
        AuditAction.CREATE,
        object_type="contacts.bulkclosure",
        object_id=job.pk,
        changes={"reason": [None, reason], "cases": [None, wanted]},
    )

    def enqueue() -> None:
        from lotse.contacts.tasks import close_cases

        result = close_cases.enqueue(job.pk)
        BulkClosure.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return job
