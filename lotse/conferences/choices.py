from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    ORGANISATION = "organisation", _("Participating organisation")
