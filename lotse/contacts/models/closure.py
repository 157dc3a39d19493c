from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.cases.choices import ClosingReason
from lotse.contacts.choices import JobStatus


class BulkClosureQuerySet(models.QuerySet["BulkClosure"]):
    def of_user(self, user: Any) -> "BulkClosureQuerySet":
        # A job lists case ids and references only; still, only its starter follows it.
        if not (user is not None and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(started_by=user)


class BulkClosure(models.Model):
    """A background job closing many dormant cases with one reason; its state is visible.

    The cases are closed one by one through the cases app's close action, each
    in its own transaction: one refused case (changed, already closed) does not
    stop the others and is reported with its reason.
    """

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason for closing"), max_length=20, choices=ClosingReason.choices)
    case_ids = models.JSONField(_("cases"), default=list)
    total = models.PositiveIntegerField(_("cases to close"), default=0)
    closed = models.PositiveIntegerField(_("closed"), default=0)
    skipped = models.PositiveIntegerField(_("not closed"), default=0)
    # [{"case": id, "reference": "F-…", "message": "…"}] for each case not closed.
    problems = models.JSONField(_("problems"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = BulkClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("bulk closure")
        verbose_name_plural = _("bulk closures")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="bulkclosure_user")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.closed + self.skipped}/{self.total}"

    @property
    def processed(self) -> int:
        return self.closed + self.skipped

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.processed / self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
