from lotse.conferences.views.pages import (
    attendance,
    attendee_add,
    decide,
    detail,
    minutes,
    schedule,
)
from lotse.conferences.views.statistics import statistics

__all__ = ["attendance", "attendee_add", "decide", "detail", "minutes", "schedule", "statistics"]
