from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusKind(models.TextChoices):
    """The kinds of the pathways contract (facts document v1), in its spelling."""

    GESTATTUNG = "gestattung", _("Permission to reside during the asylum procedure (Gestattung)")
    DULDUNG = "duldung", _("Toleration (Duldung)")
    DULDUNG_60B = "duldung_60b", _("Toleration for persons with unclear identity (§ 60b)")
    AUFENTHALTSERLAUBNIS = "aufenthaltserlaubnis", _("Residence permit")
    NIEDERLASSUNGSERLAUBNIS = "niederlassungserlaubnis", _("Settlement permit")
    BLAUE_KARTE = "blaue_karte", _("EU Blue Card")
    NONE = "none", _("No lawful or tolerated stay, or abroad")


# Kinds whose document names its legal basis; the engine needs it (e.g. § 104c).
KINDS_WITH_PARAGRAPH = (StatusKind.AUFENTHALTSERLAUBNIS, StatusKind.BLAUE_KARTE)
TOLERATED_KINDS = (StatusKind.DULDUNG, StatusKind.DULDUNG_60B)


class WorkPermission(models.TextChoices):
    UNKNOWN = "unknown", _("Not recorded")
    ALLOWED = "allowed", _("Employment allowed")
    WITH_PERMISSION = "with_permission", _("Only with the immigration office's permission")
    FORBIDDEN = "forbidden", _("Employment not allowed")


class BenefitType(models.TextChoices):
    SGB2 = "sgb2", _("Citizen's income (SGB II)")
    SGB12 = "sgb12", _("Social assistance (SGB XII)")
    ASYLBLG = "asylblg", _("Asylum seekers' benefits (AsylbLG)")
    WOHNGELD = "wohngeld", _("Housing benefit")
    KINDERGELD = "kindergeld", _("Child benefit")


class CertificateLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class CriterionStatus(models.TextChoices):
    """A criterion's status in the pathways result document (contract spelling)."""

    MET = "met", _("met")
    NOT_MET = "not_met", _("not met")
    UNKNOWN = "unknown", _("unknown")
    DISCRETIONARY = "discretionary", _("judgement")


class Outcome(models.TextChoices):
    NOT_IN_FORCE = "not_in_force", _("No new applications")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Facts missing")
    DISCRETIONARY = "discretionary", _("Up to the authority's judgement")
    LIKELY_MET = "likely_met", _("Likely met")
