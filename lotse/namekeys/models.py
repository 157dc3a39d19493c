"""Search keys of persons' names, and the name variants administrators add.

The keys are computed in Python (lotse.names) whenever a person's name or a
spelling is saved, so SQLite and PostgreSQL hold the same keys and the
search looks them up through plain b-tree indexes.
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.core.categories import DataCategory

KEY_LENGTH = 60
UNKNOWN_YEAR = 0


class NameKeyQuerySet(VisibleQuerySet["NameKey"]):
    person_path = "person_id"


class NameKey(models.Model):
    """One normalised part of one of a person's names, with its comparison keys."""

    # Derived from the names: visible exactly where the person's identity is.
    category: ClassVar[str] = DataCategory.IDENTITY

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="name_keys",
    )
    form = models.CharField(_("normalised form"), max_length=KEY_LENGTH)
    canon = models.CharField(_("canonical variant"), max_length=KEY_LENGTH)
    fold = models.CharField(_("romanisation fold"), max_length=KEY_LENGTH)
    metaphone = models.CharField(_("Double Metaphone code"), max_length=KEY_LENGTH)
    cologne = models.CharField(_("Kölner Phonetik code"), max_length=KEY_LENGTH)
    skeleton = models.CharField(_("consonant skeleton"), max_length=KEY_LENGTH)
    abjad = models.BooleanField(_("written in Arabic script"), default=False)
    # The person's year of birth, copied here so that a search with a date of
    # birth narrows the keys in the index without joining the persons. 0 when
    # unknown (not NULL): "year IN (1990, 0)" is one index condition.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), default=UNKNOWN_YEAR)

    objects = NameKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("name key")
        verbose_name_plural = _("name keys")
        indexes = [
            # Each key with the year: a lookup with a date of birth stays in the index.
            models.Index(fields=["canon", "birth_year"], name="namekey_canon"),
            models.Index(fields=["fold", "birth_year"], name="namekey_fold"),
            models.Index(fields=["metaphone", "birth_year"], name="namekey_metaphone"),
            models.Index(fields=["cologne"], name="namekey_cologne"),
            models.Index(fields=["skeleton", "birth_year"], name="namekey_skeleton"),
            # Latin queries match consonants only of names written in Arabic script.
            models.Index(
                fields=["skeleton", "birth_year"],
                name="namekey_skeleton_abjad",
                condition=models.Q(abjad=True),
            ),
            # Prefix search while typing (LIKE 'abc%'); the operator classes are
            # PostgreSQL's, other databases ignore them.
            models.Index(
                fields=["form", "birth_year"],
                name="namekey_form",
                opclasses=["varchar_pattern_ops", "int2_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.form


class NameVariant(models.Model):
    """A spelling an administrator declares to be the same name as a canonical one."""

    variant = models.CharField(_("variant"), max_length=100, unique=True)
    canonical = models.CharField(
        _("canonical name"),
        max_length=100,
        help_text=_("A name of the curated dictionary or another variant's canonical name."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        ordering = ["canonical", "variant"]

    def __str__(self) -> str:
        return f"{self.variant} → {self.canonical}"
