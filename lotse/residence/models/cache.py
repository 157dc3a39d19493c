"""The cache of target-group lists: a global stamp of residence data, and stored results.

Every change of residence data (status periods, facts and the rows the rules
read) moves the stamp; a stored result is used only while its stamp is the
current one, so a changed status history never shows an old list.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.contacts.choices import JobStatus


class ResidenceStamp(models.Model):
    """One row: how often residence data has changed."""

    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("residence data stamp")
        verbose_name_plural = _("residence data stamps")

    def __str__(self) -> str:
        return str(self.value)


class TargetGroupResult(models.Model):
    """One user's target-group list for a day, filters and stamp; computed inline or
    by a background job (progress in done/total). Rows hold ids and verdicts only;
    the page reads the persons again through the user's visibility."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("key"), max_length=120)
    stamp = models.BigIntegerField(_("stamp"))
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("candidates"), default=0)
    done = models.PositiveIntegerField(_("evaluated"), default=0)
    # [[person id, status period id, outcome, due date or null], ...]
    rows = models.JSONField(_("rows"), default=list)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("target-group result")
        verbose_name_plural = _("target-group results")
        indexes = [models.Index(fields=["user", "key", "stamp"], name="targetgroup_lookup")]

    def __str__(self) -> str:
        return f"{self.key} @{self.stamp}: {self.status}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
