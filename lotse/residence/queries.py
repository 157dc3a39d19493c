"""Deadlines across every person a user may see, in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from lotse.cases.models import Case
from lotse.core.api.categories import categories_by_pk
from lotse.core.categories import DataCategory
from lotse.people.models import Person
from lotse.residence.choices import StatusKind
from lotse.residence.deadlines import (
    CHANCEN_MONTHS,
    YOUNG_PERSON_AGE_LIMIT,
    Deadline,
    add_months,
    deadlines_for_person,
)
from lotse.residence.models import StatusPeriod

IDENTITY = DataCategory.IDENTITY.value
# Candidates are found with a margin; deadlines_for_person decides exactly.
MARGIN = datetime.timedelta(days=2)


@dataclass(frozen=True)
class PersonDeadline:
    deadline: Deadline
    person: Person | None  # None when the reader does not hold the person's identity


def _candidate_ids(user: Any, today: datetime.date, horizon: datetime.date) -> Any:
    chancen_start_from = add_months(today, -CHANCEN_MONTHS) - MARGIN
    chancen_start_to = add_months(horizon, -CHANCEN_MONTHS) + MARGIN
    age_limit = 12 * YOUNG_PERSON_AGE_LIMIT
    born_from = add_months(today, -age_limit) - MARGIN
    born_to = add_months(horizon, -age_limit) + MARGIN
    return (
        StatusPeriod.objects.visible_to(user)
        .filter(
            Q(valid_until__range=(today, horizon))
            | Q(
                kind=StatusKind.AUFENTHALTSERLAUBNIS,
                paragraph__contains="104",
                valid_from__range=(chancen_start_from, chancen_start_to),
            )
            | Q(
                Q(valid_until__isnull=True) | Q(valid_until__gte=today),
                kind__in=[
                    StatusKind.DULDUNG,
                    StatusKind.DULDUNG_60B,
                    StatusKind.AUFENTHALTSERLAUBNIS,
                ],
                person__birth_date__range=(born_from, born_to),
            )
        )
        .values("person_id")
    )


def upcoming_deadlines(
    user: Any, *, today: datetime.date, lead_days: int, mine: bool = False
) -> list[PersonDeadline]:
    horizon = today + datetime.timedelta(days=lead_days)
    periods = StatusPeriod.objects.visible_to(user).filter(
        person_id__in=_candidate_ids(user, today, horizon)
    )
    if mine:
        periods = periods.filter(
            person_id__in=Case.objects.visible_to(user).filter(managers=user).values("person_id")
        )
    by_person: dict[int, list[StatusPeriod]] = {}
    for period in periods.order_by("person_id", "valid_from"):
        by_person.setdefault(period.person_id, []).append(period)
    if not by_person:
        return []
    ids = list(by_person)
    named = categories_by_pk(Person.objects.all(), user, ids, [IDENTITY])
    persons = {
        p.pk: p for p in Person.objects.filter(pk__in=[i for i in ids if IDENTITY in named[i]])
    }
    found: list[PersonDeadline] = []
    for person_id, person_periods in by_person.items():
        person = persons.get(person_id)
        for deadline in deadlines_for_person(
            person_id,
            person_periods,
            birth_date=person.birth_date if person else None,
            today=today,
            lead_days=lead_days,
        ):
            found.append(PersonDeadline(deadline, person))
    found.sort(key=lambda item: (item.deadline.due, item.deadline.person_id))
    return found
