"""A job that can be held at a chosen point, so a test can kill its worker there."""

import os
import time
from pathlib import Path

from django_tasks import task

from lotse.core.jobs import run_once
from lotse.core.models import TaskPing


def _hold(signal_dir: str, point: str) -> None:
    # Tell the test where we are, then wait while it holds us here (it kills us).
    directory = Path(signal_dir)
    (directory / f"reached-{point}").write_text(str(os.getpid()))
    deadline = time.monotonic() + 60
    while (directory / f"hold-{point}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


@task()
def marked_job(key: str, signal_dir: str) -> bool:
    def effect() -> None:
        TaskPing.objects.create(key=key)
        _hold(signal_dir, "inside")  # effect written, not yet committed

    ran = run_once(f"marked:{key}", "marked_job", effect)
    _hold(signal_dir, "after")  # effect committed, task not yet marked finished
    return ran
