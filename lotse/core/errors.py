from django.core.exceptions import ValidationError

__all__ = ["StaleObject", "ValidationError"]


class StaleObject(ValidationError):
    """Raised when a form was based on an older version than the stored one."""
