"""Which lotse.deadlines task stands for which residence deadline of a case.

One row per case and deadline kind keeps the sync idempotent: running it again
finds the row and updates the task instead of adding a second one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.residence.models.base import ResidenceQuerySet, ResidenceRow, person_field


class DeadlineTask(ResidenceRow):
    person = person_field("residence_deadline_tasks")
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("deadline"), max_length=40)
    due_on = models.DateField(_("due on"))
    task = models.OneToOneField(
        "deadlines.Task",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="residence_deadline",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResidenceQuerySet["DeadlineTask"].as_manager()

    class Meta:
        verbose_name = _("residence deadline task")
        verbose_name_plural = _("residence deadline tasks")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="residence_deadline_task_once")
        ]
        indexes = [models.Index(fields=["person", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.due_on:%Y-%m-%d})"
