from django.db import models
from django.utils.translation import gettext_lazy as _


class ArrivalRoute(models.TextChoices):
    """How the person came to the first conversation."""

    SELF = "self", _("On their own initiative")
    OFFICE = "office", _("Sent by an office")
    VOLUNTEER = "volunteer", _("Brought by a volunteer")
    OUTREACH = "outreach", _("Through outreach work")


class IntakeDecision(models.TextChoices):
    CASE_MANAGEMENT = "case_management", _("Case management")
    SHORT_COUNSELLING = "short_counselling", _("Short counselling")
    REFERRAL_ONLY = "referral_only", _("Referral only")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


# For sorting and for telling whether a re-assessment raised or lowered a priority.
PRIORITY_RANK = {Priority.HIGH: 3, Priority.MEDIUM: 2, Priority.LOW: 1}
