"""Deadlines that follow from a person's status history. Plain functions over
plain values, so that a general deadline system can be fed from them later.

A deadline is listed when its date lies within the lead time from today. An
expiry is listed only for the latest period of a person: a recorded follow-up
period means the renewal has happened.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# § 104c Abs. 3 S. 3 AufenthG: the permit is granted for 18 months and not extended.
CHANCEN_MONTHS = 18
# § 25a Abs. 1 S. 1 Nr. 3 AufenthG: the application before the 27th birthday.
YOUNG_PERSON_AGE_LIMIT = 27

EXPIRING = {
    "gestattung": _("The Gestattung expires: check the state of the asylum procedure."),
    "duldung": _("The Duldung expires: apply for its extension in time."),
    "duldung_60b": _("The Duldung (§ 60b) expires: apply for its extension in time."),
    "aufenthaltserlaubnis": _(
        "The residence permit expires: apply for its extension before this date, "
        "so that it continues to count as valid."
    ),
    "blaue_karte": _(
        "The EU Blue Card expires: apply for its extension before this date, "
        "so that it continues to count as valid."
    ),
}
EXPIRY_SOURCES = {
    "gestattung": "§ 63 AsylG",
    "duldung": "§ 60a Abs. 4 AufenthG",
    "duldung_60b": "§ 60b AufenthG",
    "aufenthaltserlaubnis": "§ 81 Abs. 4 AufenthG",
    "blaue_karte": "§ 81 Abs. 4 AufenthG",
}


class PeriodLike(Protocol):
    @property
    def pk(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def paragraph(self) -> str: ...
    @property
    def valid_from(self) -> datetime.date: ...
    @property
    def valid_until(self) -> datetime.date | None: ...


@dataclass(frozen=True)
class Deadline:
    person_id: int
    due: datetime.date
    kind: str
    description: str | Promise
    source: str
    period_id: int | None = None

    def days_left(self, today: datetime.date) -> int:
        return (self.due - today).days


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def is_104c(period: PeriodLike) -> bool:
    return period.kind == "aufenthaltserlaubnis" and "104c" in period.paragraph.replace(" ", "")


def chancen_end(period: PeriodLike) -> datetime.date:
    """The last day of a § 104c permit: 18 months from its start, whatever else is written."""
    end = add_months(period.valid_from, CHANCEN_MONTHS) - datetime.timedelta(days=1)
    return min(end, period.valid_until) if period.valid_until else end


def deadlines_for_person(
    person_id: int,
    periods: Iterable[PeriodLike],
    *,
    birth_date: datetime.date | None,
    today: datetime.date,
    lead_days: int,
) -> list[Deadline]:
    horizon = today + datetime.timedelta(days=lead_days)
    found = all_deadlines(person_id, periods, birth_date=birth_date)
    return [d for d in found if today <= d.due <= horizon]


def all_deadlines(
    person_id: int, periods: Iterable[PeriodLike], *, birth_date: datetime.date | None
) -> list[Deadline]:
    """Every deadline the history gives, past or far ahead: the task sync must
    tell a deadline that has passed (its task stays) from one that is gone."""
    periods = sorted(periods, key=lambda p: p.valid_from)
    if not periods:
        return []
    latest = periods[-1]
    found: list[Deadline] = []
    if is_104c(latest):
        found.append(
            Deadline(
                person_id,
                chancen_end(latest),
                "chancen_end",
                _(
                    "The § 104c permit ends and cannot be extended: apply for a permit "
                    "under § 25a or § 25b before this date."
                ),
                "§ 104c Abs. 3 S. 3 AufenthG",
                latest.pk,
            )
        )
    elif latest.valid_until is not None and latest.kind in EXPIRING:
        found.append(
            Deadline(
                person_id,
                latest.valid_until,
                f"{latest.kind}_expires",
                EXPIRING[latest.kind],
                EXPIRY_SOURCES[latest.kind],
                latest.pk,
            )
        )
    tolerated_or_104c = latest.kind in ("duldung", "duldung_60b") or is_104c(latest)
    if birth_date is not None and tolerated_or_104c:
        last_day = add_months(birth_date, 12 * YOUNG_PERSON_AGE_LIMIT) - datetime.timedelta(days=1)
        found.append(
            Deadline(
                person_id,
                last_day,
                "young_person_age_limit",
                _("Last day to apply for a permit under § 25a (before the 27th birthday)."),
                "§ 25a Abs. 1 S. 1 Nr. 3 AufenthG",
                None,
            )
        )
    return sorted(found, key=lambda d: (d.due, d.kind))
