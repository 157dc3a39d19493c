from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")
    UNKNOWN = "unknown", _("Unknown")


class Sex(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")
    DIVERSE = "x", _("diverse")
    UNKNOWN = "", _("not stated")


class SpellingKind(models.TextChoices):
    TRANSLITERATION = "transliteration", _("Other transliteration")
    ORIGINAL_SCRIPT = "original_script", _("Original script")
    FORMER_NAME = "former_name", _("Former name")
    SWAPPED = "swapped", _("Given and family name swapped")
    COMPOUND_SPLIT = "compound_split", _("Compound name split differently")
    OFFICE_RECORD = "office_record", _("As recorded by an office")
    ALIAS = "alias", _("Alias")


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Native language")
    C2 = "C2", "C2"
    C1 = "C1", "C1"
    B2 = "B2", "B2"
    B1 = "B1", "B1"
    A2 = "A2", "A2"
    A1 = "A1", "A1"
    NONE = "none", _("No knowledge")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    MOBILE = "mobile", _("Mobile")
    EMAIL = "email", _("E-mail")
    MESSENGER = "messenger", _("Messenger")


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse or partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", _("Other relative")


class IdentifierKind(models.TextChoices):
    AZR = "azr", _("AZR number")
    BAMF_FILE = "bamf_file", _("BAMF file number")
    JOBCENTRE_CUSTOMER = "jobcentre_customer", _("Job-centre customer number")
    SOCIAL_OFFICE_FILE = "social_office_file", _("Social-office file number")
    OTHER = "other", _("Other identifier")
