"""Residence deadlines as tasks of lotse.deadlines, for the case managers of a person.

For every open case of the person, each deadline of the status history that
falls within the lead time becomes one task for the case's lead manager
(lotse.residence.models.DeadlineTask remembers which). Running the sync again
changes nothing; a changed period moves the task's due date; a deadline the
history no longer gives (a renewal was recorded, the status changed) cancels
the open task. A deadline that has passed keeps its task: it is overdue, not
obsolete. The sync runs as the system: the case managers did not ask for it,
and the trail says so.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from lotse.audit.log import record_change, snapshot
from lotse.cases.models import Case, CaseManagerAssignment
from lotse.deadlines.actions import do_complete_task, do_create_task
from lotse.deadlines.choices import TaskStatus
from lotse.people.models import Person
from lotse.residence.deadlines import CHANCEN_MONTHS, Deadline, add_months, all_deadlines
from lotse.residence.models import DeadlineTask, StatusPeriod

TITLES = {
    "chancen_end": gettext_lazy("Residence: the § 104c permit ends"),
    "young_person_age_limit": gettext_lazy("Residence: last day to apply under § 25a"),
    "gestattung_expires": gettext_lazy("Residence: the Gestattung expires"),
    "duldung_expires": gettext_lazy("Residence: the Duldung expires"),
    "duldung_60b_expires": gettext_lazy("Residence: the Duldung (§ 60b) expires"),
    "aufenthaltserlaubnis_expires": gettext_lazy("Residence: the residence permit expires"),
    "blaue_karte_expires": gettext_lazy("Residence: the EU Blue Card expires"),
}


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    skipped: list[str] = field(default_factory=list)


def _note(deadline: Deadline) -> str:
    return f"{deadline.description} ({deadline.source})"


def _lead_managers(case_ids: Iterable[int]) -> dict[int, object]:
    """The case's lead manager (the longest-serving lead, else any manager)."""
    assignments = (
        CaseManagerAssignment.objects.filter(case_id__in=list(case_ids))
        .select_related("user")
        .order_by("case_id", "-is_lead", "since", "id")
    )
    chosen: dict[int, object] = {}
    for assignment in assignments:
        chosen.setdefault(assignment.case_id, assignment.user)
    return chosen


def _cancel(link: DeadlineTask, result: SyncResult) -> None:
    if link.task.is_open:
        do_complete_task(None, link.task, status=TaskStatus.CANCELLED)
        result.cancelled += 1
    link.delete()


def _move(link: DeadlineTask, deadline: Deadline, result: SyncResult) -> None:
    task = link.task
    before = snapshot(task)
    task.due_on = deadline.due
    task.remind_on = min(task.remind_on, deadline.due)
    task.note = _note(deadline)
    task.version += 1
    task.save()
    record_change(None, task, before)
    link.due_on = deadline.due
    link.save(update_fields=["due_on", "updated_at"])
    result.updated += 1


def _create(
    case: Case, manager: object, deadline: Deadline, today: datetime.date, result: SyncResult
) -> None:
    try:
        task = do_create_task(
            None,
            case,
            title=str(TITLES.get(deadline.kind, gettext_lazy("Residence deadline"))),
            note=_note(deadline),
            due_on=deadline.due,
            remind_on=today,
            assignee=manager,
        )
    except ValidationError as error:
        # E.g. the manager no longer holds a case role at the owning organisation.
        result.skipped.append(f"{case.reference} {deadline.kind}: {'; '.join(error.messages)}")
        return
    DeadlineTask.objects.create(
        person_id=case.person_id, case=case, kind=deadline.kind, due_on=deadline.due, task=task
    )
    result.created += 1


def sync_person(
    person_id: int,
    *,
    today: datetime.date | None = None,
    lead_days: int | None = None,
    result: SyncResult | None = None,
) -> SyncResult:
    today = today or timezone.localdate()
    lead_days = lead_days or settings.RESIDENCE_DEADLINE_LEAD_DAYS
    result = result if result is not None else SyncResult()
    horizon = today + datetime.timedelta(days=lead_days)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        person = Person.objects.filter(pk=person_id).only("pk", "birth_date").first()
        if person is None:
            return result
        periods = list(StatusPeriod.objects.filter(person_id=person_id))
        deadlines = {
            d.kind: d for d in all_deadlines(person_id, periods, birth_date=person.birth_date)
        }
        links = {
            (link.case_id, link.kind): link
            for link in DeadlineTask.objects.filter(person_id=person_id).select_related("task")
        }
        cases = {c.pk: c for c in Case.objects.filter(person_id=person_id).exclude(phase="closed")}
        managers = _lead_managers(cases)
        kept: set[tuple[int, str]] = set()
        for (case_id, kind), link in links.items():
            deadline = deadlines.get(kind)
            if case_id not in cases or deadline is None or deadline.due > horizon:
                _cancel(link, result)
            elif deadline.due == link.due_on:
                kept.add((case_id, kind))
            elif link.task.is_open:
                _move(link, deadline, result)
                kept.add((case_id, kind))
            else:
                # The old deadline was dealt with; the new one is a new task.
                link.delete()
        for case_id, case in cases.items():
            manager = managers.get(case_id)
            if manager is None:
                continue
            for kind, deadline in deadlines.items():
                if (case_id, kind) not in kept and today <= deadline.due <= horizon:
                    _create(case, manager, deadline, today, result)
    return result


def candidate_person_ids(today: datetime.date, lead_days: int) -> set[int]:
    """Persons who may have a deadline within the lead time, or a deadline task.

    Same margins as lotse.residence.queries; the per-person sync decides exactly.
    """
    horizon = today + datetime.timedelta(days=lead_days)
    margin = datetime.timedelta(days=2)
    born_from = add_months(today, -12 * 27) - margin
    born_to = add_months(horizon, -12 * 27) + margin
    periods = StatusPeriod.objects.filter(
        Q(valid_until__range=(today, horizon))
        | Q(
            kind="aufenthaltserlaubnis",
            paragraph__contains="104",
            valid_from__range=(
                add_months(today, -CHANCEN_MONTHS) - margin,
                add_months(horizon, -CHANCEN_MONTHS) + margin,
            ),
        )
        | Q(person__birth_date__range=(born_from, born_to))
    )
    ids = set(periods.values_list("person_id", flat=True))
    ids |= set(DeadlineTask.objects.values_list("person_id", flat=True))
    return ids


def sync_all(*, today: datetime.date | None = None, lead_days: int | None = None) -> SyncResult:
    """The periodic run: every person with a deadline in reach or a task to check."""
    today = today or timezone.localdate()
    lead_days = lead_days or settings.RESIDENCE_DEADLINE_LEAD_DAYS
    result = SyncResult()
    for person_id in sorted(candidate_person_ids(today, lead_days)):
        sync_person(person_id, today=today, lead_days=lead_days, result=result)
    return result


def sync_after_change(person_id: int) -> None:
    """Called by the residence actions: a changed status history re-syncs its person."""
    sync_person(person_id)
