"""Presenting audit entries to a data-protection officer, on screen and in the export.

The DPO reads identity data of their organisation's persons and no other
personal data (domain.md, "Users and what each may see"). An entry's recorded
values belong to the entry's data categories, so the values are shown only
where the DPO may read every one of those categories; otherwise the changed
fields are named and their values withheld. Who did what, when, to which
object is always shown: that is the audit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action
from lotse.audit.models import AuditAction, AuditEntry
from lotse.core.categories import DataCategory, ordered
from lotse.people.models import Person

WITHHELD = _("not released")
EMPTY = "—"
# What a DPO may read about a person in their scope (identity only).
DPO_READABLE = frozenset({DataCategory.IDENTITY.value})


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    # None where the side does not exist: a created object has no old value,
    # a deleted one no new value.
    old: str | None
    new: str | None


@dataclass(frozen=True)
class EntryRow:
    entry: AuditEntry
    object_label: str
    person_name: str | None
    person_url: str | None
    categories: list[str]
    changes: list[Change]
    values_withheld: bool


@cache
def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


# Entries about something that is not a model row.
OTHER_OBJECTS = {
    # lotse.core.reports: a coordinator's anonymised report; the id names the report.
    "report": _("anonymised report"),
}


def object_label(object_type: str) -> str:
    if object_type in OTHER_OBJECTS:
        return str(OTHER_OBJECTS[object_type])
    model = _model(object_type)
    return str(model._meta.verbose_name) if model else object_type


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for field in model._meta.get_fields():
        if isinstance(field, models.Field) and key in (field.attname, field.name):
            return field
    try:
        found = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _field_label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    return str(field.verbose_name) if field is not None else key.replace("_", " ")


def _value(model: type[models.Model] | None, key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(_value(model, key, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(model, str(k), v)}" for k, v in sorted(value.items()))
    field = _field(model, key)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if key == "categories" and isinstance(value, str):
        return str(dict(DataCategory.choices).get(value, value))
    if field is not None and field.is_relation:
        return f"#{value}"
    return str(value)


def category_labels(categories: Iterable[str]) -> list[str]:
    labels = dict(DataCategory.choices)
    return [str(labels[code]) for code in ordered(categories)]


def values_readable(entry: AuditEntry, persons_in_scope: Mapping[int, Any]) -> bool:
    in_scope = entry.person_id is None or entry.person_id in persons_in_scope
    readable = DPO_READABLE if in_scope else frozenset()
    return set(entry.categories or ()) <= readable


def changes_of(entry: AuditEntry, readable: bool) -> list[Change]:
    model = _model(entry.object_type)
    rows = []
    for key, pair in sorted((entry.changes or {}).items()):
        if key == "id":
            continue  # The object column names it already.
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        label = _field_label(model, key)
        if not readable:
            rows.append(Change(key, label, None, str(WITHHELD)))
        elif entry.action == AuditAction.CREATE or (old is None and new is not None):
            if new not in (None, "", []):
                rows.append(Change(key, label, None, _value(model, key, new)))
        elif entry.action == AuditAction.DELETE or new is None:
            if old not in (None, "", []):
                rows.append(Change(key, label, _value(model, key, old), None))
        else:
            rows.append(Change(key, label, _value(model, key, old), _value(model, key, new)))
    return rows


def export_changes(entry: AuditEntry, readable: bool) -> dict[str, Any]:
    if readable:
        return dict(entry.changes or {})
    return {key: str(WITHHELD) for key in sorted(entry.changes or {})}


def persons_in_scope(user: Any, person_ids: Iterable[int | None]) -> dict[int, Person]:
    """The DPO's own persons among `person_ids`: one query for a whole page."""
    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return {}
    persons = Person.objects.visible_to(user, Action.AUDIT).filter(id__in=ids)
    return {person.pk: person for person in persons.only("id", "given_names", "family_name")}


def person_url(person_id: int) -> str:
    return reverse("people:detail", args=[person_id])


def rows_for(user: Any, entries: Iterable[AuditEntry]) -> list[EntryRow]:
    entries = list(entries)
    persons = persons_in_scope(user, (e.person_id for e in entries))
    rows = []
    for entry in entries:
        person = persons.get(entry.person_id) if entry.person_id is not None else None
        readable = values_readable(entry, persons)
        rows.append(
            EntryRow(
                entry=entry,
                object_label=object_label(entry.object_type),
                person_name=person.display_name if person is not None else None,
                person_url=person_url(person.pk) if person is not None else None,
                categories=category_labels(entry.categories or ()),
                changes=changes_of(entry, readable),
                values_withheld=not readable and bool(entry.changes),
            )
        )
    return rows
