from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementForm(models.TextChoices):
    SIGNED = "signed", _("Signed")
    ORAL = "oral", _("Oral")


class ResponsibleKind(models.TextChoices):
    PERSON = "person", _("The person")
    CASE_MANAGER = "case_manager", _("The case manager")
    ORGANISATION = "organisation", _("Another organisation")
    SERVICE = "service", _("A named service")


class StepStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Steps that still have to happen: these can be overdue.
PENDING_STEP_STATUSES = (StepStatus.OPEN, StepStatus.IN_PROGRESS)


class Attainment(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    DROPPED = "dropped", _("Dropped")


# At a review, "partly" records progress and the goal stays open; the others
# settle it. At closure every open goal is settled, "partly" included.
SETTLING_AT_REVIEW = (Attainment.ACHIEVED, Attainment.NOT_ACHIEVED, Attainment.DROPPED)


class ReviewOccasion(models.TextChoices):
    REVIEW = "review", _("Review")
    CLOSURE = "closure", _("Case closure")
