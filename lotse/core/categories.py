"""Data categories: every piece of personal data belongs to exactly one.

Releases (consents) grant categories, the audit names them, and pages show
only the blocks whose category the reader holds. Sets of categories are
stored as a bit mask so that a grant is one small integer column.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Identity")
    CONTACT = "contact", _("Contact")
    RESIDENCE = "residence", _("Residence status")
    FAMILY = "family", _("Family")
    EDUCATION_WORK = "education_work", _("Education and work")
    FINANCES = "finances", _("Finances and benefits")
    HEALTH = "health", _("Health")
    CASE_NOTES = "case_notes", _("Case notes")


# Bit positions are part of the stored data: append, never reorder.
_BITS: dict[str, int] = {cat.value: 1 << i for i, cat in enumerate(DataCategory)}
ALL_MASK = sum(_BITS.values())
SPECIAL_CATEGORIES = frozenset({DataCategory.HEALTH.value})


def to_mask(categories: Iterable[str]) -> int:
    mask = 0
    for category in categories:
        try:
            mask |= _BITS[str(category)]
        except KeyError:
            raise ValueError(f"Unknown data category: {category!r}") from None
    return mask


def from_mask(mask: int) -> frozenset[str]:
    return frozenset(code for code, bit in _BITS.items() if mask & bit)


def ordered(categories: Iterable[str]) -> list[str]:
    wanted = set(categories)
    return [cat.value for cat in DataCategory if cat.value in wanted]


ALL_CATEGORIES = from_mask(ALL_MASK)


class CategoriesField(models.PositiveIntegerField):
    """A set of data categories, a frozenset in Python and a bit mask in the database."""

    description = _("Set of data categories")

    @property
    def validators(self):  # type: ignore[no-untyped-def,override]
        # The integer range validators do not apply to a set; to_mask() validates.
        return []

    def from_db_value(self, value, expression, connection):  # type: ignore[no-untyped-def]
        return None if value is None else from_mask(value)

    def to_python(self, value):  # type: ignore[no-untyped-def]
        if value is None or isinstance(value, frozenset):
            return value
        if isinstance(value, int):
            return from_mask(value)
        return from_mask(to_mask(value))

    def get_prep_value(self, value):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if isinstance(value, int):
            return value
        return to_mask(value)

    def value_to_string(self, obj):  # type: ignore[no-untyped-def]
        return ",".join(ordered(self.value_from_object(obj) or ()))

    def formfield(self, **kwargs):  # type: ignore[no-untyped-def]
        from django import forms

        return forms.MultipleChoiceField(
            choices=DataCategory.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
