from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.cases.choices import Phase
from lotse.core.categories import DataCategory


class CasePhaseChangeQuerySet(VisibleQuerySet["CasePhaseChange"]):
    person_path = "case__person_id"
    case_path = "case_id"


class CasePhaseChange(models.Model):
    """One step of a case through the method's phases: the case's phase history.

    Written by the case actions only (open, change phase, close), in the same
    transaction as the change, so the history and the case never disagree.
    Append-only: a wrong step is corrected by the next one, not by editing.
    """

    # The phase is part of the case frame that anyone seeing the case sees;
    # the note is free text about the case work (case notes).
    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="phase_changes",
    )
    # Empty for the first entry: the case was opened in `to_phase`.
    from_phase = models.CharField(
        _("previous phase"), max_length=12, choices=Phase.choices, blank=True
    )
    to_phase = models.CharField(_("new phase"), max_length=12, choices=Phase.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = CasePhaseChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["case", "changed_at", "id"]
        indexes = [models.Index(fields=["case", "changed_at", "id"], name="phase_change_case")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_phase=models.F("to_phase")),
                name="phase_change_changes",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_phase or '-'} → {self.to_phase}"
