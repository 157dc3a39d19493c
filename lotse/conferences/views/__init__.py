from lotse.conferences.views.pages import decide, detail, minutes, schedule
from lotse.conferences.views.statistics import statistics

__all__ = ["decide", "detail", "minutes", "schedule", "statistics"]
