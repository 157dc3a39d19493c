"""Background jobs of the residence app (django-tasks)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from lotse.residence.deadline_tasks import sync_all


@task()
def sync_residence_deadline_tasks() -> dict[str, Any]:
    """The periodic run: deadlines that came within the lead time since yesterday."""
    result = sync_all()
    return {
        "created": result.created,
        "updated": result.updated,
        "cancelled": result.cancelled,
        "skipped": len(result.skipped),
    }


@task()
def compute_target_group(result_id: int) -> int:
    """A target group too large for a page load (lotse.residence.group_cache)."""
    from lotse.residence.group_cache import run_result

    return len(run_result(result_id).rows)
