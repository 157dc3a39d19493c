from lotse.deadlines.models.calendar import CalendarFeed
from lotse.deadlines.models.task import Task, TaskQuerySet

__all__ = ["CalendarFeed", "Task", "TaskQuerySet"]
