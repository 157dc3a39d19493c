"""What every residence row shares: its data category and the choke point."""

import datetime
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.core.categories import DataCategory

_M = TypeVar("_M", bound=models.Model)


class ResidenceQuerySet(VisibleQuerySet[_M]):
    person_path = "person_id"


class ResidenceRow(models.Model):
    # Every fact the pathway rules read belongs to the residence file, also the
    # employment and benefit spells: they are recorded here as evidence for a
    # residence-law decision, and one release must let a reader follow the
    # evaluation (a pathway judged on facts the reader cannot see would mislead).
    category: ClassVar[str] = DataCategory.RESIDENCE

    class Meta:
        abstract = True


def person_field(related_name: str) -> Any:
    """The person a residence row is about; deleting the person deletes the row.

    A field rather than part of an abstract model: each kind of row has its own
    name on the person (`person.convictions`), and an abstract model can give
    its subclasses different related names only through Meta.default_related_name,
    a model option of its own, and so a migration of every table.
    """
    return models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


def ordered_period(start_field: str, end_field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{end_field}__isnull": True})
        | models.Q(**{f"{end_field}__gte": models.F(start_field)}),
        name=name,
    )


# The pathway engine reads dates of these years only (lotse.pathways.parse); a
# stored date outside them would make the person's evaluation fail later.
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2199, 12, 31)


def check_plausible(**dates: datetime.date | None) -> None:
    errors = {
        name: [
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": FIRST_DAY.year, "last": LAST_DAY.year}
        ]
        for name, value in dates.items()
        if value is not None and not FIRST_DAY <= value <= LAST_DAY
    }
    if errors:
        raise ValidationError(errors)


def check_period(start: datetime.date | None, end: datetime.date | None, end_field: str) -> None:
    check_plausible(valid_from=start, **{end_field: end})
    if start is not None and end is not None and end < start:
        raise ValidationError({end_field: [_("The end lies before the start.")]})


def check_not_future(**dates: datetime.date | None) -> None:
    """Dates of things that have happened (entry, a certificate, a conviction)."""
    check_plausible(**dates)
    today = timezone.localdate()
    errors = {
        name: [_("This date lies in the future.")]
        for name, value in dates.items()
        if value is not None and value > today
    }
    if errors:
        raise ValidationError(errors)
