"""Optimistic locking of a plan, and what changed since the version a user saw.

Every save raises the plan's version and stores a PlanRevision naming the
changed fields. A save based on an older version is refused with those
revisions spelled out, so the second editor sees what the first one did
instead of overwriting it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from lotse.core.errors import StaleObject
from lotse.plans.models import IntegrationPlan, PlanRevision


@dataclass(frozen=True)
class ChangeLine:
    version: int
    when: str
    who: str
    what: str
    field: str
    before: str
    after: str

    def __str__(self) -> str:
        return _(
            "Version %(version)s (%(who)s, %(when)s): %(what)s: %(field)s: %(before)s → %(after)s"
        ) % {
            "version": self.version,
            "who": self.who,
            "when": self.when,
            "what": self.what,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


class StalePlan(StaleObject):
    def __init__(self, plan: IntegrationPlan, lines: list[ChangeLine]) -> None:
        self.plan = plan
        self.lines = lines
        headline = _(
            "Someone else changed this plan in the meantime (now version %(version)s). "
            "Nothing was saved. Check the changes below and enter yours again."
        ) % {"version": plan.version}
        super().__init__([headline, *[str(line) for line in lines]])


def _field_display(model: Any, name: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since: show the raw value
        return str(value)
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target is not None else str(value)
    return str(value)


def describe(revisions: list[PlanRevision]) -> list[ChangeLine]:
    lines: list[ChangeLine] = []
    for revision in revisions:
        who = revision.changed_by.display() if revision.changed_by else _("system")
        when = formats.date_format(revision.changed_at, "SHORT_DATETIME_FORMAT")
        for change in revision.changes:
            model = apps.get_model("plans", change["model"])
            what = f"{model._meta.verbose_name} „{change['label']}“"
            for name, (before, after) in change["fields"].items():
                try:
                    field_label = str(model._meta.get_field(name).verbose_name)
                except FieldDoesNotExist:
                    field_label = name
                lines.append(
                    ChangeLine(
                        revision.version,
                        when,
                        str(who),
                        what,
                        field_label,
                        _field_display(model, name, before),
                        _field_display(model, name, after),
                    )
                )
    return lines


def lock_plan(plan: IntegrationPlan, expected_version: int | None) -> IntegrationPlan:
    current = IntegrationPlan.objects.select_for_update().get(pk=plan.pk)
    if expected_version is not None and current.version != expected_version:
        revisions = list(
            PlanRevision.objects.filter(plan=current, version__gt=expected_version)
            .select_related("changed_by")
            .order_by("version")
        )
        raise StalePlan(current, describe(revisions))
    return current


def bump(actor: Any, plan: IntegrationPlan, changes: list[dict[str, Any]]) -> IntegrationPlan:
    """Raise the plan's version and remember what this save changed."""
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    user = actor if getattr(actor, "is_authenticated", False) else None
    PlanRevision.objects.create(plan=plan, version=plan.version, changed_by=user, changes=changes)
    return plan
