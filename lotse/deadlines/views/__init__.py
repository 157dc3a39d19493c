from lotse.deadlines.views.calendar import (
    calendar_feed,
    calendar_revoke,
    calendar_rotate,
    calendar_settings,
)
from lotse.deadlines.views.tasks import my_tasks, task_complete, task_create, task_edit
from lotse.deadlines.views.team import caseload_page, member_cases, reassign

__all__ = [
    "calendar_feed",
    "calendar_revoke",
    "calendar_rotate",
    "calendar_settings",
    "caseload_page",
    "member_cases",
    "my_tasks",
    "reassign",
    "task_complete",
    "task_create",
    "task_edit",
]
