from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.core.categories import DataCategory


class LifeArea(models.Model):
    """The configurable catalogue of life areas (domain.md): assessment, goals, reporting.

    A catalogue, not choices: administrators add or retire areas, and reports
    keep working on codes that stay fixed. Names are data (German and English),
    not gettext strings, because administrators write them. `category` is the
    kind of data that notes about this area are: what a health assessment says
    is health data, whoever reads the case.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    category = models.CharField(_("data category"), max_length=20, choices=DataCategory.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("life area")
        verbose_name_plural = _("life areas")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_de if (get_language() or "de").startswith("de") else self.name_en


# The eleven life areas of domain.md, seeded by migration; codes are stable.
DEFAULT_LIFE_AREAS: list[tuple[str, str, str, str]] = [
    ("residence", "Aufenthalt und Identität", "Residence and identity", DataCategory.RESIDENCE),
    (
        "orientation",
        "Erstorientierung und Behörden",
        "First orientation and offices",
        DataCategory.CASE_NOTES,
    ),
    ("language", "Sprache", "Language", DataCategory.EDUCATION_WORK),
    ("education", "Bildung", "Education", DataCategory.EDUCATION_WORK),
    ("work", "Ausbildung und Arbeit", "Training and work", DataCategory.EDUCATION_WORK),
    ("livelihood", "Lebensunterhalt", "Livelihood", DataCategory.FINANCES),
    ("housing", "Wohnen", "Housing", DataCategory.CASE_NOTES),
    ("health", "Gesundheit", "Health", DataCategory.HEALTH),
    ("family", "Familie und Kinder", "Family and children", DataCategory.FAMILY),
    ("participation", "Teilhabe", "Participation", DataCategory.CASE_NOTES),
    ("naturalisation", "Einbürgerung", "Naturalisation", DataCategory.RESIDENCE),
]


def ensure_default_life_areas() -> None:
    """Seed the catalogue when it is empty (a flushed test database, a fresh synth target).

    The migration seeds it once; a database flushed since (Django's transactional
    tests) loses rows that only migrations wrote.
    """
    if LifeArea.objects.exists():
        return
    LifeArea.objects.bulk_create(
        LifeArea(code=code, name_de=de, name_en=en, category=str(category), position=position)
        for position, (code, de, en, category) in enumerate(DEFAULT_LIFE_AREAS, start=1)
    )
