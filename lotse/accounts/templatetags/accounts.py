import datetime
import math

from django import template

register = template.Library()


@register.filter
def in_minutes(value: datetime.timedelta | None) -> int:
    """Whole minutes, rounded up: "locked for 1 minute" must not become 0."""
    if not value:
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))
