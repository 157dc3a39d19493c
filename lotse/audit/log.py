"""Writing the audit trail. Called by actions inside their transaction, so an
audit row exists exactly when the change it describes was committed."""

import datetime
import decimal
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import connections, models, router, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from lotse.audit.chain import GENESIS, link_hash
from lotse.audit.models import AuditAction, AuditChainHead, AuditEntry
from lotse.core.categories import ordered


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, frozenset | set):
        return ordered(value) if all(isinstance(v, str) for v in value) else sorted(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete field values, JSON-ready, keyed by attribute name."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        values[field.attname] = _jsonable(getattr(instance, field.attname))
    return values


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        # UTC, as the database returns it: the same instant must hash the same
        # whichever time zone the writer's datetime happened to carry.
        "at": entry.at.astimezone(datetime.UTC).isoformat(),
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "organisation": entry.organisation_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "person": entry.person_id,
        "case": entry.case_id,
        "categories": ordered(entry.categories or ()),
        "changes": entry.changes,
    }


def acting_organisation_id(actor: Any) -> int | None:
    pairs = getattr(actor, "role_pairs", None)
    if not pairs:
        return None
    return min(org for org, _role in pairs)


@dataclass(frozen=True)
class Event:
    """One audit entry to append: what `record` and `record_reads` are made of."""

    action: str
    object_type: str
    object_id: Any = ""
    person_id: int | None = None
    case_id: int | None = None
    categories: frozenset[str] = frozenset()
    changes: dict[str, Any] = dataclass_field(default_factory=dict)


def append(actor: Any, events: Sequence[Event]) -> list[AuditEntry]:
    """Append events to the chain under one lock of its head, in one insert."""
    if not events:
        return []
    with transaction.atomic():
        # Locking the head row serialises appends, so two writers cannot link
        # to the same predecessor; it is held only until the caller commits.
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS}
        )
        user = actor if getattr(actor, "is_authenticated", False) else None
        actor_fields = {
            "actor_id": user.pk if user else None,
            "actor_name": user.get_username() if user else "system",
            "organisation_id": acting_organisation_id(user) if user else None,
        }
        now = timezone.now()
        prev = head.last_hash
        entries: list[AuditEntry] = []
        for event in events:
            entry = AuditEntry(
                at=now,
                action=event.action,
                object_type=event.object_type,
                object_id=str(event.object_id or ""),
                person_id=event.person_id,
                case_id=event.case_id,
                # Normalised exactly as the reader will see them after the mask round-trip.
                categories=frozenset(ordered(event.categories)),
                changes=event.changes,
                prev_hash=prev,
                **actor_fields,
            )
            entry.hash = prev = link_hash(prev, hashed_fields(entry))
            entries.append(entry)
        _insert(entries)
        AuditChainHead.objects.filter(pk=1).update(last_hash=prev, last_entry_id=entries[-1].pk)
        return entries


# Columns whose values the database driver takes as they are (strings, integers,
# None); every other column is prepared by its field, as the ORM would.
_PLAIN_FIELDS = (models.CharField, models.BigIntegerField, models.ForeignKey)


def _insert(entries: list[AuditEntry]) -> None:
    """INSERT the entries in one statement and set their ids, as bulk_create() does.

    Without the ORM's per-value preparation: a list page appends one entry per
    person shown, and bulk_create() spent some 350 Python calls an entry (a
    fifth of a case list page) preparing strings and integers that need none,
    and Model.save() some 600 for the single entry of a detail page.
    """
    connection = connections[router.db_for_write(AuditEntry)]
    if not connection.features.can_return_rows_from_bulk_insert:
        AuditEntry.objects.bulk_create(entries)
        return
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    plain = [type(f) in _PLAIN_FIELDS for f in fields]
    quote = connection.ops.quote_name
    row = f"({', '.join(['%s'] * len(fields))})"
    # Table and column names from the model, placeholders for every value.
    head = (
        f"INSERT INTO {quote(AuditEntry._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(f.column) for f in fields)}) VALUES "
    )
    returning = f" RETURNING {quote(AuditEntry._meta.pk.column)}"
    size = max(connection.ops.bulk_batch_size(fields, entries), 1)
    for start in range(0, len(entries), size):
        batch = entries[start : start + size]
        params: list[Any] = []
        for entry in batch:
            for field, as_is in zip(fields, plain, strict=True):
                value = getattr(entry, field.attname)
                params.append(value if as_is else field.get_db_prep_save(value, connection))
        sql = head + ", ".join([row] * len(batch)) + returning
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [pk for (pk,) in cursor.fetchall()]
        # Rows come back in the order of the VALUES list, as bulk_create() relies on too.
        for entry, pk in zip(batch, ids, strict=True):
            entry.pk = pk
            entry._state.adding = False
            entry._state.db = connection.alias


def record(
    actor: Any,
    action: str,
    *,
    object_type: str,
    object_id: Any = "",
    person_id: int | None = None,
    case_id: int | None = None,
    categories: Iterable[str] = (),
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    event = Event(
        action, object_type, object_id, person_id, case_id, frozenset(categories), changes or {}
    )
    return append(actor, [event])[0]


def _label(instance: models.Model) -> str:
    return instance._meta.label_lower


def _person_and_case(instance: models.Model) -> tuple[int | None, int | None]:
    label = _label(instance)
    if label == "people.person":
        return instance.pk, None
    if label == "cases.case":
        return getattr(instance, "person_id", None), instance.pk
    person_id = getattr(instance, "person_id", None)
    case_id = getattr(instance, "case_id", None)
    if person_id is None and case_id is not None:
        # Rows hanging off a case (participants) concern the case's person: the
        # person's audit trail must show them.
        person_id = getattr(getattr(instance, "case", None), "person_id", None)
    return person_id, case_id


def record_change(
    actor: Any,
    instance: models.Model,
    before: dict[str, Any] | None,
    *,
    action: str | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEntry | None:
    after = None if action == AuditAction.DELETE else snapshot(instance)
    changes = diff(before, after)
    if extra:
        changes.update(extra)
    if not changes and action is None:
        return None
    person_id, case_id = _person_and_case(instance)
    category = getattr(type(instance), "category", None)
    return record(
        actor,
        action or (AuditAction.CREATE if before is None else AuditAction.UPDATE),
        object_type=_label(instance),
        object_id=instance.pk,
        person_id=person_id,
        case_id=case_id,
        categories=[category] if category else [],
        changes=changes,
    )


def record_read(
    actor: Any,
    *,
    person_id: int,
    case_id: int | None = None,
    categories: Iterable[str],
    object_type: str = "people.person",
    object_id: Any = None,
    action: str = AuditAction.READ,
) -> AuditEntry:
    return record(
        actor,
        action,
        object_type=object_type,
        object_id=object_id if object_id is not None else (case_id or person_id),
        person_id=person_id,
        case_id=case_id,
        categories=categories,
    )


def record_reads(
    actor: Any,
    rows: Iterable[tuple[int, int | None, Iterable[str]]],
    *,
    object_type: str = "people.person",
) -> list[AuditEntry]:
    """Audit a list page: one read entry per (person id, case id), with every category shown.

    Lists show names of many people at once; each person's trail must show that
    read too, so a page costs one chain lock and one insert, not one per row. A
    person shown twice (in two sections of the start page, say) is one read of
    the union of what was shown, in the order the page first showed them.
    """
    shown: dict[tuple[int, int | None], set[str]] = {}
    for person_id, case_id, categories in rows:
        shown.setdefault((person_id, case_id), set()).update(categories)
    events = [
        Event(
            AuditAction.READ,
            object_type,
            case_id or person_id,
            person_id,
            case_id,
            frozenset(categories),
        )
        for (person_id, case_id), categories in shown.items()
        if categories
    ]
    return append(actor, events)
