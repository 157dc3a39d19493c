from django_tasks import task

from lotse.core.jobs import run_once
from lotse.core.models import TaskPing


@task()
def ping(key: str) -> bool:
    """Enqueue to check that workers run jobs: its TaskPing row appears exactly once."""
    return run_once(f"ping:{key}", "ping", lambda: TaskPing.objects.create(key=key))
