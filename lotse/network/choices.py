from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COORDINATING_OFFICE = (
        "coordinating_office",
        _("Coordinating office (Kommunales Integrationszentrum)"),
    )
    DISTRICT_OFFICE = "district_office", _("District office")
    TOWN_OFFICE = "town_office", _("Town office")
    JOB_CENTRE = "job_centre", _("Job centre")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency")
    SOCIAL_OFFICE = "social_office", _("Social welfare office")
    IMMIGRATION_OFFICE = "immigration_office", _("Immigration office")
    NATURALISATION_OFFICE = "naturalisation_office", _("Naturalisation office")
    YOUTH_OFFICE = "youth_office", _("Youth welfare office")
    SCHOOL_OFFICE = "school_office", _("School office")
    WELFARE_ORGANISATION = "welfare_organisation", _("Welfare organisation")
    OTHER = "other", _("Other")


class LegalArea(models.TextChoices):
    SGB_II = "sgb2", _("SGB II (basic income support)")
    SGB_III = "sgb3", _("SGB III (employment promotion)")
    SGB_VIII = "sgb8", _("SGB VIII (child and youth welfare)")
    SGB_XII = "sgb12", _("SGB XII (social assistance)")
    ASYLBLG = "asylblg", _("AsylbLG (asylum seekers' benefits)")
    AUFENTHG = "aufenthg", _("AufenthG (residence law)")
    STAG = "stag", _("StAG (nationality law)")
    SCHOOL = "school", _("School law")
    COUNSELLING = "counselling", _("Migration counselling")
    OTHER = "other", _("Other")
