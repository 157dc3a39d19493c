"""A worker killed mid-job: the job runs again on another worker, its effect happens once.

Real `lotse worker` processes against the test database, killed with SIGKILL
at a chosen point of the job. PostgreSQL only: the SQLite test database lives
in this process's memory, where no second process can reach it.
"""

import signal

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lotse.core.models import JobReceipt, TaskPing
from lotse.core.tests.fault_tasks import marked_job
from lotse.core.tests.ops.processes import database_url, lotse, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="worker processes cannot reach the in-memory SQLite test database",
    ),
]


def _worker(*extra: str):
    env = {"DATABASE_URL": database_url()}
    return lotse(["worker", "--no-startup-delay", "--interval", "0.1", *extra], env)


def _kill_at(point: str, tmp_path) -> DBTaskResult:
    (tmp_path / f"hold-{point}").touch()
    result = marked_job.enqueue("k1", str(tmp_path))
    first = _worker()
    try:
        wait_for(lambda: (tmp_path / f"reached-{point}").exists(), 60, f"the job to reach {point}")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    (tmp_path / f"hold-{point}").unlink()
    return DBTaskResult.objects.get(pk=result.id)


def _second_worker_finishes(task: DBTaskResult) -> DBTaskResult:
    second = _worker("--batch", "--lease-seconds", "0")
    output, _ = second.communicate(timeout=60)
    assert second.returncode == 0, output
    task.refresh_from_db()
    return task


def test_it_runs_a_job_again_when_its_worker_was_killed_before_the_commit(
    transactional_db, tmp_path
):
    task = _kill_at("inside", tmp_path)
    assert task.status == TaskResultStatus.RUNNING
    assert TaskPing.objects.count() == 0  # the killed transaction left nothing

    task = _second_worker_finishes(task)

    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value is True
    assert len(task.worker_ids) == 2
    assert TaskPing.objects.filter(key="k1").count() == 1
    assert JobReceipt.objects.filter(key="marked:k1").count() == 1


def test_it_does_not_repeat_a_committed_effect_when_the_worker_died_after_it(
    transactional_db, tmp_path
):
    task = _kill_at("after", tmp_path)
    assert task.status == TaskResultStatus.RUNNING  # never marked finished
    assert TaskPing.objects.count() == 1

    task = _second_worker_finishes(task)

    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value is False  # the receipt said: already done
    assert TaskPing.objects.filter(key="k1").count() == 1


def test_it_finishes_the_running_job_on_sigterm_then_exits(transactional_db, tmp_path):
    (tmp_path / "hold-after").touch()
    result = marked_job.enqueue("k2", str(tmp_path))
    worker = _worker()
    try:
        wait_for(lambda: (tmp_path / "reached-after").exists(), 60, "the job to start")
        worker.send_signal(signal.SIGTERM)
        (tmp_path / "hold-after").unlink()
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, output
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert TaskPing.objects.filter(key="k2").count() == 1
