"""Background jobs that survive a killed worker without doing anything twice.

Two halves (docs/operations.md, "Tasks and failures"):

- `run_once(key, effect)`: the effect and a JobReceipt with the job's
  idempotency key commit in one transaction. A job killed before the commit
  left nothing; one killed after it finds the receipt when run again.
- `requeue_lost(lease)`: a task claimed longer ago than the lease whose worker
  never marked it finished is set back to READY with one compare-and-set
  UPDATE, so a second worker runs it; after `max_attempts` claims it is
  marked FAILED instead, so a job that kills its worker cannot loop forever.
"""

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lotse.core.models import JobReceipt

logger = logging.getLogger("lotse.jobs")

WORKER_LOST = "lotse.core.jobs.WorkerLost"


def run_once(key: str, task: str, effect: Callable[[], Any]) -> bool:
    """Run `effect` unless a job with `key` already committed; True if it ran now."""
    try:
        with transaction.atomic():
            # Inserting first makes a second runner of the same key wait on the
            # unique index until the first commits or rolls back, then fail here.
            JobReceipt.objects.create(key=key, task=task)
            effect()
    except IntegrityError:
        if JobReceipt.objects.filter(key=key).exists():
            logger.info("job already done", extra={"task": task})
            return False
        raise
    return True


def requeue_lost(lease: datetime.timedelta, max_attempts: int = 3) -> tuple[int, int]:
    """Hand tasks whose worker vanished back to the queue; (requeued, given up)."""
    cutoff = timezone.now() - lease
    lost = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    requeued = given_up = 0
    for task_id, started_at, worker_ids in lost.values_list("id", "started_at", "worker_ids"):
        # Compare-and-set on the claim time: if another worker re-claimed the
        # task meanwhile, started_at moved on and this UPDATE changes nothing.
        same_claim = DBTaskResult.objects.filter(
            pk=task_id, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if len(worker_ids) >= max_attempts:
            given_up += same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=WORKER_LOST,
                traceback=f"The worker was lost {len(worker_ids)} times while running this task.",
            )
        else:
            requeued += same_claim.update(status=TaskResultStatus.READY, started_at=None)
    if requeued or given_up:
        logger.warning("lost tasks", extra={"requeued": requeued, "given_up": given_up})
    return requeued, given_up
