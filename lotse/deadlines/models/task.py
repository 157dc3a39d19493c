from __future__ import annotations

import datetime
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action, VisibleQuerySet, grants_for, held_for_rows
from lotse.core.categories import DataCategory, to_mask
from lotse.deadlines.choices import TaskStatus


class TaskQuerySet(VisibleQuerySet["Task"]):
    person_path = "case__person_id"
    case_path = "case_id"
    # A follow-up is the owning organisation's own planning: a participating
    # office sees what the person released, not the case manager's to-do list.
    owner_only = True

    def visible_to(
        self,
        user: Any,
        action: Action = Action.VIEW,
        *,
        category: str | None = None,
        case: Any = None,
    ) -> Self:
        active = user is not None and user.is_authenticated and user.is_active
        if action != Action.VIEW or not active:
            return super().visible_to(user, action, category=category, case=case)
        # Own OR handed to the organisation. Under an OR, PostgreSQL cannot turn
        # `case_id IN (grants)` into a join and hashes every grant of the
        # organisation (144k rows at 1M persons) for a start page's 30 tasks; a
        # correlated EXISTS is one probe per row on grant_org_case instead.
        category = category or self.model.row_category
        if case is not None:
            # One case's tasks: its grants decide, their query compiled once a request.
            bits = None if category is None else Value(to_mask([category]))
            own = held_for_rows(user, action, bits, using=self.db, case=case, owner_only=True)
            return self.of_case(case).filter(Q(own) | self._handed(user, case))
        owned = grants_for(user, action, category=category, owner_only=True, case=case).filter(
            case_id=OuterRef("case_id")
        )
        return self.of_case(case).filter(Exists(owned) | self._handed(user, case))

    def handed_to(self, user: Any, *, case: Any = None) -> Self:
        """Tasks a case conference handed to the user's organisation.

        They are that organisation's own to-do now (its deadline list shows them),
        but only while it still holds a current grant for the case: a withdrawn or
        expired release ends the access here as everywhere. With `case`, only
        that case's tasks, checked against that case's grants.
        """
        if not (user is not None and user.is_authenticated and user.is_active):
            return self.none()
        return self.of_case(case).filter(self._handed(user, case))

    def _handed(self, user: Any, case: Any) -> Q:
        organisations = user.case_organisation_ids
        if not organisations:
            return Q(pk__in=[])
        if case is not None:
            held: Any = held_for_rows(user, Action.VIEW, None, using=self.db, case=case)
        else:
            held = Exists(
                grants_for(user, Action.VIEW, case=case).filter(case_id=OuterRef("case_id"))
            )
        return Q(organisation_id__in=organisations) & Q(held)

    def open(self) -> TaskQuerySet:
        return self.filter(status=TaskStatus.OPEN)

    def for_assignee(self, user: object, team_ids: list[int]) -> TaskQuerySet:
        """Tasks of the user, and of the teams the user belongs to."""
        mine = models.Q(assignee=user)
        if team_ids:
            mine |= models.Q(team_id__in=team_ids)
        organisations = getattr(user, "case_organisation_ids", [])
        if organisations:
            # Handed to the organisation as a whole (case conferences): each of
            # its case staff sees it in their list until someone completes it.
            mine |= models.Q(organisation_id__in=organisations)
        return self.filter(mine)


class Task(models.Model):
    """A follow-up ("Wiedervorlage"): something to do in a case by a due date."""

    # What to do about a person is a case note, whoever reads it.
    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = DataCategory.CASE_NOTES

    # Foreign keys whose lookups a composite index below already serves carry no
    # index of their own: every index costs the reminder job's claim UPDATE.
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="tasks",
        db_index=False,
    )
    title = models.CharField(_("what to do"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    due_on = models.DateField(_("due on"))
    remind_on = models.DateField(_("remind on"))
    # A follow-up with a time is an appointment with the person (a planned
    # contact): the calendar feed shows it at that hour instead of all day. No
    # model of its own: it is planned, reminded, assigned and seen like any task.
    appointment_time = models.TimeField(
        _("appointment time"),
        null=True,
        blank=True,
        help_text=_("Only for an appointment with the person: its start on the due date."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        db_index=False,
    )
    team = models.ForeignKey(
        "network.Team",
        verbose_name=_("assigned team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        db_index=False,
    )
    # A case conference hands a decision to a whole organisation, often another
    # office than the owner: then neither a person nor a team of the owner takes it.
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        db_index=False,
    )
    # Optional: the goal or agreed step of the integration plan this follow-up serves.
    goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    step = models.ForeignKey(
        "plans.Step",
        verbose_name=_("step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # The reminder job's work column (Healthchecks' alert_after): set while a
    # reminder is owed, cleared by the one worker whose compare-and-set claims it.
    reminder_due_at = models.DateTimeField(_("reminder due at"), null=True, blank=True)
    reminder_claim = models.CharField(_("reminder claim"), max_length=36, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"], name="task_assignee_due"),
            models.Index(fields=["team", "status", "due_on"], name="task_team_due"),
            models.Index(fields=["case", "status", "due_on"], name="task_case_due"),
            models.Index(
                fields=["organisation", "status", "due_on"],
                name="task_organisation_due",
                condition=models.Q(organisation__isnull=False),
            ),
            # Only owed reminders are indexed: the job's scan stays small however
            # many tasks were reminded in the past.
            models.Index(
                fields=["reminder_due_at"],
                name="task_reminder_due",
                condition=models.Q(reminder_due_at__isnull=False),
            ),
            models.Index(
                fields=["reminder_claim"],
                name="task_reminder_claim",
                condition=~models.Q(reminder_claim=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(assignee__isnull=False)
                    & models.Q(team__isnull=True)
                    & models.Q(organisation__isnull=True)
                )
                | (
                    models.Q(assignee__isnull=True)
                    & models.Q(team__isnull=False)
                    & models.Q(organisation__isnull=True)
                )
                | (
                    models.Q(assignee__isnull=True)
                    & models.Q(team__isnull=True)
                    & models.Q(organisation__isnull=False)
                ),
                name="task_one_assignee",
            ),
            models.CheckConstraint(
                condition=models.Q(remind_on__lte=models.F("due_on")),
                name="task_remind_before_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())

    def is_due_today(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_on == (today or timezone.localdate())
