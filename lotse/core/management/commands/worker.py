"""`lotse worker`: django-tasks-db's worker with Lotse's defaults and lost-task recovery.

Differences from `db_worker`: all queues by default, no autoreload, a worker id
naming host and process (so an operator can tell whose claim a task holds),
and tasks whose worker vanished (killed, machine lost) are handed back to the
queue after a lease (lotse.core.jobs.requeue_lost). SIGTERM is graceful: the
running task finishes, then the worker exits; a second SIGTERM aborts it.
"""

import datetime
import os
import socket
import threading
from argparse import ArgumentParser
from typing import Any

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from lotse.core.jobs import requeue_lost
from lotse.env import env_int


def default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}"


class Command(DbWorkerCommand):
    help = (
        "Run background tasks. Lost tasks (worker killed) go back to the queue after "
        "LOTSE_TASK_LEASE_SECONDS (default 900) and fail after LOTSE_TASK_MAX_ATTEMPTS (3)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease-seconds",
            type=int,
            default=env_int("LOTSE_TASK_LEASE_SECONDS", 900, minimum=0),
            help="A task running longer than this without finishing counts as lost.",
        )
        parser.set_defaults(queue_name="*", reload=False, worker_id=default_worker_id())

    def handle(self, *args: Any, **options: Any) -> None:
        lease = datetime.timedelta(seconds=options.pop("lease_seconds"))
        max_attempts = env_int("LOTSE_TASK_MAX_ATTEMPTS", 3, minimum=1)
        requeue_lost(lease, max_attempts)
        connection.close()
        if not options["batch"]:
            # Every worker looks for lost tasks now and then; the compare-and-set
            # in requeue_lost makes several workers doing so at once harmless.
            period = max(lease.total_seconds() / 4, 10.0)
            threading.Thread(
                target=_reap_forever, args=(lease, max_attempts, period), daemon=True
            ).start()
        super().handle(*args, **options)


def _reap_forever(lease: datetime.timedelta, max_attempts: int, period: float) -> None:
    stop = threading.Event()
    while not stop.wait(period):
        try:
            requeue_lost(lease, max_attempts)
        finally:
            connection.close()
