from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class DueWindow(models.TextChoices):
    """The start page's buckets; also the API's `due` filter."""

    OVERDUE = "overdue", _("Overdue")
    TODAY = "today", _("Due today")
    WEEK = "week", _("Due this week")
    OPEN = "open", _("All open")
