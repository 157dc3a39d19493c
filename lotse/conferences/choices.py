from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    ORGANISATION = "organisation", _("Participating organisation")


class AttendeeRole(models.TextChoices):
    PERSON = "person", _("The person themself")
    INTERPRETER = "interpreter", _("Interpreter")
    STAFF = "staff", _("Staff member of an organisation")


class Attendance(models.TextChoices):
    INVITED = "invited", _("invited")
    ATTENDED = "attended", _("attended")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")
