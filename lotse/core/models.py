from django.db import models
from django.utils.translation import gettext_lazy as _


class JobReceipt(models.Model):
    """Proof that a job's effect was committed: written in the effect's own transaction.

    django-tasks-db marks a task RUNNING when a worker claims it and SUCCESSFUL
    only after the task returns, in a separate transaction. A worker killed in
    between leaves a task that looks unfinished although its effect may be
    committed; when it is run again, the receipt says so (lotse.core.jobs.run_once).
    """

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    task = models.CharField(_("task"), max_length=200)
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)

    class Meta:
        verbose_name = _("job receipt")
        verbose_name_plural = _("job receipts")

    def __str__(self) -> str:
        return self.key


class TaskPing(models.Model):
    """Written by the `ping` task: shows that task workers take and finish jobs."""

    key = models.CharField(_("key"), max_length=200)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("task ping")
        verbose_name_plural = _("task pings")

    def __str__(self) -> str:
        return self.key
