"""Data categories: every piece of personal data belongs to exactly one.

Releases (consents) grant categories, the audit names them, and pages show
only the blocks whose category the reader holds. Sets of categories are
stored as a bit mask so that a grant is one small integer column.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

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
    # _BITS is in declaration order; iterating the enum itself cost some 60 calls
    # a time, and the audit orders every entry's categories twice.
    wanted = set(categories)
    return [code for code in _BITS if code in wanted]


ALL_CATEGORIES = from_mask(ALL_MASK)


if TYPE_CHECKING:
    _IntegerBase = models.PositiveIntegerField[Any, frozenset[str]]
else:
    _IntegerBase = models.PositiveIntegerField


class CategoriesField(_IntegerBase):
    """A set of data categories, a frozenset in Python and a bit mask in the database."""

    description = _("Set of data categories")
    # django-stubs reads these to type model constructors and attribute access.
    _pyi_private_set_type: "Iterable[str] | int"  # type: ignore[assignment]
    _pyi_private_get_type: frozenset[str]  # type: ignore[assignment]

    @property
    def validators(self) -> list[Any]:
        # The integer range validators do not apply to a set; to_mask() validates.
        return []

    def from_db_value(self, value: int | None, expression: Any, connection: Any) -> Any:
        return None if value is None else from_mask(value)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, frozenset):
            return value
        if isinstance(value, int):
            return from_mask(value)
        return from_mask(to_mask(value))

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, int):
            return value
        return to_mask(value)

    def value_to_string(self, obj: Any) -> str:
        return ",".join(ordered(self.value_from_object(obj) or ()))

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        from django import forms

        return forms.MultipleChoiceField(
            choices=DataCategory.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
