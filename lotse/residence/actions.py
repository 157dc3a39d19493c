"""Changes to a person's residence file. Each runs in one transaction with its audit row.

Status periods are checked for overlap under a lock of the person's row, so two
concurrent additions cannot both pass the check; on PostgreSQL an exclusion
constraint holds the same rule in the database.
"""

import datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.audit.log import record, record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.core.errors import StaleObject
from lotse.people.models import Person
from lotse.residence.models import Evaluation, ResidenceFacts, StatusPeriod
from lotse.residence.models.base import check_plausible

# Fields an action may set on a row; the person and the bookkeeping never change.
FIXED_FIELDS = {"id", "person", "person_id", "version", "created_at", "updated_at"}


def _lock_person(person_id: int) -> None:
    Person.objects.select_for_update().filter(pk=person_id).values_list("pk").first()


def _show(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else _("open end")


def check_no_overlap(period: StatusPeriod) -> None:
    others = StatusPeriod.objects.filter(person_id=period.person_id).exclude(pk=period.pk)
    if period.valid_until is not None:
        others = others.filter(valid_from__lte=period.valid_until)
    clash = (
        others.filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=period.valid_from)
        )
        .order_by("valid_from")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _(
                        "This period overlaps the recorded period %(kind)s from %(start)s "
                        "to %(end)s. End or change that period first."
                    )
                    % {
                        "kind": clash.get_kind_display(),
                        "start": _show(clash.valid_from),
                        "end": _show(clash.valid_until),
                    }
                ]
            }
        )


def _validate(row: models.Model) -> None:
    row.full_clean(exclude=["person"])
    if isinstance(row, StatusPeriod):
        check_no_overlap(row)


def _resync(row: models.Model) -> None:
    """Cached target groups go stale with any residence change; a changed status
    history also moves, adds or cancels its residence deadline tasks."""
    from lotse.residence.group_cache import bump_stamp

    bump_stamp()
    if isinstance(row, StatusPeriod):
        from lotse.residence.deadline_tasks import sync_person

        sync_person(row.person_id)


def _save(row: models.Model) -> None:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Only reachable past the checks above through a race the lock should
        # prevent; answer like the check would rather than with a server error.
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("This period overlaps another recorded period.")]}
        ) from None


def _write(actor: Any, row: models.Model, before: dict[str, Any] | None) -> None:
    _validate(row)
    _save(row)
    record_change(actor, row, before)
    _resync(row)


@transaction.atomic
def do_add_row(actor: Any, row: models.Model) -> models.Model:
    """Add a status period, certificate, employment, benefit, conviction or child."""
    _lock_person(row.person_id)  # type: ignore[attr-defined]
    _write(actor, row, None)
    return row


@transaction.atomic
def do_change_row(
    actor: Any, row: models.Model, *, expected_version: int | None = None, **fields: Any
) -> models.Model:
    unknown = set(fields) & FIXED_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be changed here."))
    _lock_person(row.person_id)  # type: ignore[attr-defined]
    model = type(row)
    current: Any = model._default_manager.select_for_update().get(pk=row.pk)
    has_version = hasattr(current, "version")
    if has_version and expected_version is not None and current.version != expected_version:
        raise StaleObject(
            _(
                "Someone else changed this entry in the meantime (version %(v)s). "
                "Reload and try again."
            )
            % {"v": current.version}
        )
    before = snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    if has_version:
        current.version += 1
    _write(actor, current, before)
    return current


@transaction.atomic
def do_remove_row(actor: Any, row: models.Model) -> None:
    before = snapshot(row)
    pk = row.pk
    row.delete()
    row.pk = pk
    record_change(actor, row, before, action=AuditAction.DELETE)
    _resync(row)


@transaction.atomic
def do_save_facts(
    actor: Any, person: Person, *, expected_version: int | None = None, **fields: Any
) -> ResidenceFacts:
    """Create or change the person's one set of residence facts."""
    _lock_person(person.pk)
    current = ResidenceFacts.objects.select_for_update().filter(person_id=person.pk).first()
    if current is None:
        facts = ResidenceFacts(person=person, **fields)
        facts.full_clean(exclude=["person"])
        facts.save()
        record_change(actor, facts, None)
        _resync(facts)
        return facts
    return do_change_row(actor, current, expected_version=expected_version, **fields)  # type: ignore[return-value]


@transaction.atomic
def do_store_evaluation(
    actor: Any,
    person: Person,
    *,
    as_of: datetime.date | None = None,
    include_birth_date: bool = True,
) -> Evaluation:
    from lotse.pathways import FactsError, evaluate
    from lotse.residence.facts import facts_document

    as_of = as_of or timezone.localdate()
    check_plausible(as_of=as_of)
    document = facts_document(person, as_of, include_birth_date=include_birth_date)
    try:
        result = evaluate(document, as_of=as_of)
    except FactsError as error:
        # Stored data the engine refuses (e.g. a date of birth before 1900).
        raise ValidationError(
            _("The facts cannot be evaluated: %(error)s") % {"error": error}
        ) from None
    evaluation = Evaluation.objects.create(
        person=person,
        as_of=as_of,
        rules_version=str(result.get("rules_version", "")),
        facts=document,
        result=result,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # The facts are in the rows' own audit entries already; the trail names
    # what was concluded, not a second copy of the person's file.
    record(
        actor,
        AuditAction.CREATE,
        object_type="residence.evaluation",
        object_id=evaluation.pk,
        person_id=person.pk,
        categories=[Evaluation.category],
        changes={
            "as_of": [None, as_of.isoformat()],
            "rules_version": [None, evaluation.rules_version],
            "outcomes": [None, dict(evaluation.outcomes())],
        },
    )
    return evaluation
