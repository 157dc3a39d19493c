from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Written, signed")
    ORAL_WITNESSED = "oral_witnessed", _("Oral, with a witness")


class GrantReason(models.TextChoices):
    REGISTERED = "registered", _("Registered the person")
    OWNS_CASE = "owns_case", _("Owns the case")
    CONSENT = "consent", _("Release from confidentiality")
