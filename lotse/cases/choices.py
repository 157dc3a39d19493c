from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    KIM = "kim", _("KIM case management (NRW)")
    BW_IM = "bw_im", _("Integrationsmanagement (Baden-Württemberg)")
    MBE = "mbe", _("MBE (migration counselling for adults)")
    JMD = "jmd", _("JMD (youth migration service)")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    CLEARING = "clearing", _("Clearing / intake")
    ASSESSMENT = "assessment", _("Assessment")
    PLANNING = "planning", _("Planning")
    LINKING = "linking", _("Linking")
    MONITORING = "monitoring", _("Monitoring")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed")


class ClosingReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("Goals achieved")
    PARTLY_ACHIEVED = "partly_achieved", _("Goals partly achieved")
    HANDED_OVER = "handed_over", _("Handed over to another service")
    MOVED_AWAY = "moved_away", _("Moved away")
    NO_CONTACT = "no_contact", _("No contact any more")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    ENDED_BY_PERSON = "ended_by_person", _("Ended at the person's wish")
    OTHER = "other", _("Other")
