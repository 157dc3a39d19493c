"""Creating, changing and completing tasks; calendar addresses; reassigning cases.

Every function takes the acting user, runs in one transaction and writes its
audit entry in it. Views, the API and commands call these and nothing else.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.audit.log import record, record_change, snapshot
from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.actions import do_assign_manager, do_remove_manager
from lotse.cases.models import Case, CaseManagerAssignment
from lotse.core.errors import StaleObject
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import CalendarFeed, Task
from lotse.deadlines.models.calendar import token_digest
from lotse.deadlines.team import leads_organisation
from lotse.network.models import Organisation, Team
from lotse.plans.models import Goal, Step

EDITABLE = (
    "title",
    "note",
    "due_on",
    "appointment_time",
    "remind_on",
    "assignee",
    "team",
    "goal",
    "step",
)


def reminder_time(remind_on: datetime.date) -> datetime.datetime:
    """When a reminder for a day is sent: the morning of that day, local time."""
    hour = getattr(settings, "LOTSE_REMINDER_HOUR", 7)
    naive = datetime.datetime.combine(remind_on, datetime.time(hour=hour))
    return timezone.make_aware(naive, timezone.get_default_timezone())


def appointment_start(task: Task) -> datetime.datetime:
    """The appointment's start in local time (only for a task with a time)."""
    assert task.appointment_time is not None
    naive = datetime.datetime.combine(task.due_on, task.appointment_time)
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _check(task: Task, case: Case, *, new: bool) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not task.title.strip():
        errors["title"] = [_("Say what is to be done.")]
    if new and task.due_on < today:
        errors["due_on"] = [_("A new task cannot be due in the past.")]
    elif new and task.appointment_time is not None and appointment_start(task) < timezone.now():
        errors["appointment_time"] = [_("A new appointment cannot lie in the past.")]
    elif task.due_on < case.opened_on:
        errors["due_on"] = [_("A task cannot be due before the case was opened.")]
    if task.remind_on > task.due_on:
        errors["remind_on"] = [_("The reminder must come on or before the due date.")]
    given = [task.assignee_id, task.team_id, task.organisation_id]
    if all(value is None for value in given):
        errors["assignee"] = [_("Assign the task to a person or a team.")]
    elif sum(value is not None for value in given) > 1:
        errors["assignee"] = [_("Assign the task to a person or a team, not both.")]
    elif task.organisation_id is not None:
        if (
            task.organisation_id != case.organisation_id
            and not case.participants.filter(organisation_id=task.organisation_id).exists()
        ):
            errors["organisation"] = [
                _("Only the owning or a participating organisation can take the task.")
            ]
    elif task.assignee is not None and case.organisation_id not in (
        task.assignee.case_organisation_ids
    ):
        errors["assignee"] = [_("Only case staff of the owning organisation can take the task.")]
    elif task.team is not None and task.team.organisation_id != case.organisation_id:
        errors["team"] = [_("Only a team of the owning organisation can take the task.")]
    if task.step is not None:
        if task.goal is None:
            task.goal = task.step.goal
        elif task.step.goal_id != task.goal.pk:
            errors["step"] = [_("The step belongs to another goal.")]
        if task.step.case_id != case.pk:
            errors["step"] = [_("Link only a step of this case.")]
    if task.goal is not None and task.goal.case_id != case.pk:
        errors["goal"] = [_("Link only a goal of this case.")]
    if errors:
        raise ValidationError(errors)


def _schedule_reminder(task: Task) -> None:
    """A reminder is owed while the task is open and its day has not been reminded."""
    task.reminder_due_at = reminder_time(task.remind_on) if task.is_open else None
    task.reminder_claim = ""
    task.reminded_at = None


@transaction.atomic
def do_create_task(
    actor: Any,
    case: Case,
    *,
    title: str,
    due_on: datetime.date,
    remind_on: datetime.date | None = None,
    assignee: Any = None,
    team: Team | None = None,
    organisation: Organisation | None = None,
    note: str = "",
    goal: Goal | None = None,
    step: Step | None = None,
    appointment_time: datetime.time | None = None,
) -> Task:
    if not case.is_open:
        raise ValidationError(_("A closed case takes no new tasks."))
    task = Task(
        case=case,
        title=title.strip(),
        note=note,
        due_on=due_on,
        appointment_time=appointment_time,
        remind_on=remind_on or due_on,
        assignee=assignee,
        team=team,
        organisation=organisation,
        goal=goal,
        step=step,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _check(task, case, new=True)
    _schedule_reminder(task)
    task.save()
    record_change(actor, task, None)
    return task


def _locked(task: Task, expected_version: int | None) -> Task:
    current = Task.objects.select_for_update().select_related("case").get(pk=task.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleObject(
            _("Someone else changed this task in the meantime (version %(v)s).")
            % {"v": current.version}
        )
    return current


def changed_since(current: Task, version: int) -> list[str]:
    """What others changed after `version`, with the stored values: the audit
    trail holds every change of the task with the version it led from."""
    entries = AuditEntry.objects.filter(
        object_type="deadlines.task", object_id=str(current.pk), action=AuditAction.UPDATE
    ).order_by("id")
    names: list[str] = []
    for changes in entries.values_list("changes", flat=True):
        before = (changes.get("version") or [0])[0]
        if isinstance(before, int) and before >= version:
            for attname in changes:
                name = attname.removesuffix("_id")
                if name in EDITABLE and name not in names:
                    names.append(name)
    lines = []
    for name in names:
        stored = getattr(current, name)
        shown: Any = stored if stored not in (None, "") else "–"
        if hasattr(stored, "display"):
            shown = stored.display()
        elif isinstance(stored, datetime.date):
            shown = date_format(stored, "SHORT_DATE_FORMAT")
        label = getattr(Task._meta.get_field(name), "verbose_name", name)
        lines.append(_("%(field)s is now “%(value)s”.") % {"field": label, "value": shown})
    return lines


@transaction.atomic
def do_update_task(
    actor: Any, task: Task, *, expected_version: int | None = None, **fields: Any
) -> Task:
    if set(fields) - set(EDITABLE):
        raise ValidationError(_("These fields cannot be changed here."))
    try:
        current = _locked(task, expected_version)
    except StaleObject as stale:
        current = Task.objects.select_related("assignee", "team").get(pk=task.pk)
        details = changed_since(current, expected_version or 0)
        raise StaleObject([*stale.messages, *details]) from None
    if not current.is_open:
        raise ValidationError(_("A completed task cannot be changed."))
    before = snapshot(current)
    old_remind_on = current.remind_on
    for name, value in fields.items():
        setattr(current, name, value)
    if "assignee" in fields and fields["assignee"] is not None and "team" not in fields:
        current.team = None
    if "team" in fields and fields["team"] is not None and "assignee" not in fields:
        current.assignee = None
    if fields.get("step") is not None and "goal" not in fields:
        current.goal = fields["step"].goal
    moved_goal = "goal" in fields and "step" not in fields and current.step is not None
    if moved_goal and (current.goal is None or current.step.goal_id != current.goal.pk):  # type: ignore[union-attr]
        current.step = None
    current.title = current.title.strip()
    _check(current, current.case, new=False)
    if current.remind_on != old_remind_on:
        # A new reminder day owes a new reminder, even if the old one was sent.
        _schedule_reminder(current)
    current.version += 1
    current.save()
    record_change(actor, current, before)
    return current


@transaction.atomic
def do_complete_task(
    actor: Any,
    task: Task,
    *,
    status: str = TaskStatus.DONE,
    expected_version: int | None = None,
) -> Task:
    if status not in (TaskStatus.DONE, TaskStatus.CANCELLED):
        raise ValidationError({"status": [_("A task is completed as done or cancelled.")]})
    current = _locked(task, expected_version)
    if not current.is_open:
        raise ValidationError(_("This task is already completed."))
    before = snapshot(current)
    current.status = status
    current.completed_at = timezone.now()
    current.completed_by = actor if getattr(actor, "is_authenticated", False) else None
    # A completed task owes no reminder; an unsent one is dropped here.
    current.reminder_due_at = None
    current.version += 1
    current.save()
    record_change(actor, current, before)
    return current


@transaction.atomic
def do_rotate_calendar_feed(actor: Any) -> str:
    """A new secret address for the user's calendar; the old one stops working at once."""
    raw = CalendarFeed.new_token()
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(
        user=actor, defaults={"digest": token_digest(raw)}
    )
    if not created:
        feed.digest = token_digest(raw)
        feed.created_at = timezone.now()
        feed.last_used_at = None
        feed.save()
    record(
        actor,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type="deadlines.calendarfeed",
        object_id=feed.pk,
        changes={"event": ["", "calendar address issued"]},
    )
    return raw


@transaction.atomic
def do_revoke_calendar_feed(actor: Any) -> bool:
    feed = CalendarFeed.objects.filter(user=actor).first()
    if feed is None:
        return False
    pk = feed.pk
    feed.delete()
    record(
        actor,
        AuditAction.DELETE,
        object_type="deadlines.calendarfeed",
        object_id=pk,
        changes={"event": ["calendar address issued", "revoked"]},
    )
    return True


@transaction.atomic
def do_reassign_case(actor: Any, case: Case, *, from_user: Any, to_user: Any) -> Case:
    """Hand a case from one case manager to another, with the open tasks the first held in it.

    Only a team lead of the owning organisation may; both managers change
    through the cases app's actions, so the case's trail shows the handover.
    """
    if not leads_organisation(actor, case.organisation_id):
        raise ValidationError(_("Only a team lead of the owning organisation can reassign cases."))
    if not case.is_open:
        raise ValidationError(_("A closed case cannot be reassigned."))
    if from_user.pk == to_user.pk:
        raise ValidationError({"to_user": [_("Choose another case manager.")]})
    if not CaseManagerAssignment.objects.filter(case=case, user=from_user).exists():
        raise ValidationError({"from_user": [_("This person does not manage the case.")]})
    do_assign_manager(actor, case, to_user)
    do_remove_manager(actor, case, from_user)
    tasks = Task.objects.select_for_update().filter(
        case=case, assignee=from_user, status=TaskStatus.OPEN
    )
    for task in tasks:
        before = snapshot(task)
        task.assignee = to_user
        task.version += 1
        task.save(update_fields=["assignee", "version", "updated_at"])
        record_change(actor, task, before)
    return case
