import datetime

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lotse.core.jobs import WORKER_LOST, requeue_lost, run_once
from lotse.core.models import JobReceipt, TaskPing
from lotse.core.tasks import ping


def _claimed(minutes_ago: int, workers: int) -> DBTaskResult:
    result = ping.enqueue("p")
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=[f"w{i}" for i in range(workers)],
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_it_runs_an_effect_once_per_key(db):
    assert run_once("k", "t", lambda: TaskPing.objects.create(key="k")) is True
    assert run_once("k", "t", lambda: TaskPing.objects.create(key="k")) is False
    assert TaskPing.objects.count() == 1
    assert JobReceipt.objects.get().key == "k"


def test_it_keeps_no_receipt_when_the_effect_fails(db):
    def failing() -> None:
        TaskPing.objects.create(key="k")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        run_once("k", "t", failing)
    assert not JobReceipt.objects.exists()
    assert not TaskPing.objects.exists()
    assert run_once("k", "t", lambda: TaskPing.objects.create(key="k")) is True


def test_it_requeues_a_task_claimed_longer_ago_than_the_lease(db):
    task = _claimed(minutes_ago=20, workers=1)
    assert requeue_lost(datetime.timedelta(minutes=15)) == (1, 0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.started_at is None


def test_it_leaves_a_task_within_its_lease_alone(db):
    task = _claimed(minutes_ago=5, workers=1)
    assert requeue_lost(datetime.timedelta(minutes=15)) == (0, 0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_it_gives_up_on_a_task_that_lost_its_worker_too_often(db):
    task = _claimed(minutes_ago=20, workers=3)
    assert requeue_lost(datetime.timedelta(minutes=15), max_attempts=3) == (0, 1)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == WORKER_LOST
