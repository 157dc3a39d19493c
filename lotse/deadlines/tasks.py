"""Background jobs (django-tasks). Any number of workers may run them at once."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from lotse.deadlines.reminders import run_reminders


@task()
def send_due_reminders() -> dict[str, Any]:
    run = run_reminders()
    return {
        "claim": run.claim,
        "tasks": run.claimed,
        "emails": run.emails,
        "without_recipient": run.skipped,
        "seconds": round(run.seconds, 3),
    }
