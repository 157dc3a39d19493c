"""Target groups across every person a user may see: who to contact about a pathway.

Candidates are found in SQL from the current status period (a § 25b pathway
needs a Duldung or a § 104c permit); only they are evaluated by the engine,
each on the same facts document the person's tab evaluates.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import Case
from lotse.core.api.categories import categories_by_pk
from lotse.core.categories import DataCategory
from lotse.people.models import Person
from lotse.residence.choices import StatusKind
from lotse.residence.deadlines import add_months, chancen_end, is_104c
from lotse.residence.facts import document_of_file, load_files
from lotse.residence.models import StatusPeriod
from lotse.residence.panel import OUTCOME_LABELS

IDENTITY = DataCategory.IDENTITY.value
B25 = "aufenthg-25b"
# Persons evaluated per batch (one set of queries each).
BATCH = 2000

GROUPS = {
    "25b_now": _("Likely eligible for § 25b now"),
    "25b_within_6_months": _("Reach the § 25b period of stay within 6 months"),
    "104c_ending": _("§ 104c permit ending within 3 months"),
}


@dataclass(frozen=True)
class GroupRow:
    person_id: int
    person: Person | None  # None when the reader does not hold the person's identity
    current: StatusPeriod
    outcome: str = ""
    due: datetime.date | None = None  # the period's end, or the day § 25b's period is met

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS.get(self.outcome, "")) if self.outcome else ""


def _current_periods(
    user: Any,
    today: datetime.date,
    *,
    organisation_id: int | None,
    manager_id: int | None,
) -> QuerySet[StatusPeriod]:
    periods = StatusPeriod.objects.visible_to(user).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today), valid_from__lte=today
    )
    if organisation_id is not None or manager_id is not None:
        cases = Case.objects.visible_to(user)
        if organisation_id is not None:
            cases = cases.filter(organisation_id=organisation_id)
        if manager_id is not None:
            cases = cases.filter(managers=manager_id)
        periods = periods.filter(person_id__in=cases.values("person_id"))
    return periods.order_by("person_id")


def candidate_count(
    user: Any,
    group: str,
    *,
    today: datetime.date,
    organisation_id: int | None = None,
    manager_id: int | None = None,
) -> int:
    """How many persons the engine would evaluate: the measure of the work."""
    if group == "104c_ending":
        return 0  # found in SQL alone
    periods = _current_periods(user, today, organisation_id=organisation_id, manager_id=manager_id)
    tolerated = Q(kind__in=[StatusKind.DULDUNG, StatusKind.DULDUNG_60B])
    permits = Q(kind=StatusKind.AUFENTHALTSERLAUBNIS, paragraph__contains="104c")
    return periods.filter(tolerated | permits).count()


def target_group(
    user: Any,
    group: str,
    *,
    today: datetime.date,
    organisation_id: int | None = None,
    manager_id: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[GroupRow]:
    periods = _current_periods(user, today, organisation_id=organisation_id, manager_id=manager_id)
    permits = Q(kind=StatusKind.AUFENTHALTSERLAUBNIS, paragraph__contains="104c")
    if group == "104c_ending":
        horizon = add_months(today, 3)
        current = {p.person_id: p for p in periods.filter(permits) if is_104c(p)}
        ending = {pk: p for pk, p in current.items() if today <= chancen_end(p) <= horizon}
        return _rows(user, ending, {pk: ("", chancen_end(p)) for pk, p in ending.items()})
    tolerated = Q(kind__in=[StatusKind.DULDUNG, StatusKind.DULDUNG_60B])
    current = {p.person_id: p for p in periods.filter(tolerated | permits)}
    verdicts = _evaluate_25b(user, list(current), today, progress)
    wanted: dict[int, tuple[str, datetime.date | None]]
    if group == "25b_now":
        wanted = {
            pk: (outcome, None)
            for pk, (outcome, _met_from) in verdicts.items()
            if outcome in ("likely_met", "discretionary")
        }
    else:
        horizon = add_months(today, 6)
        wanted = {
            pk: (outcome, met_from)
            for pk, (outcome, met_from) in verdicts.items()
            if met_from is not None and today < met_from <= horizon
        }
    return _rows(user, {pk: current[pk] for pk in wanted}, wanted)


def _evaluate_25b(
    user: Any,
    person_ids: list[int],
    today: datetime.date,
    progress: Callable[[int, int], None] | None = None,
) -> dict[int, tuple[str, datetime.date | None]]:
    """§ 25b's outcome and the day its period of stay is met, per person, in
    batches: memory stays bounded and a background job can report progress."""
    verdicts: dict[int, tuple[str, datetime.date | None]] = {}
    for start in range(0, len(person_ids), BATCH):
        verdicts.update(_evaluate_batch(user, person_ids[start : start + BATCH], today))
        if progress is not None:
            progress(min(start + BATCH, len(person_ids)), len(person_ids))
    return verdicts


def _evaluate_batch(
    user: Any, person_ids: list[int], today: datetime.date
) -> dict[int, tuple[str, datetime.date | None]]:
    from lotse.pathways import FactsError, evaluate

    if not person_ids:
        return {}
    persons = list(Person.objects.filter(pk__in=person_ids))
    # Every residence row shares the category through which these persons'
    # status periods were visible, so their other rows may be read unfiltered.
    files = load_files(person_ids)
    named = categories_by_pk(Person.objects.all(), user, person_ids, [IDENTITY])
    verdicts: dict[int, tuple[str, datetime.date | None]] = {}
    for person in persons:
        document = document_of_file(
            person, today, files[person.pk], include_birth_date=IDENTITY in named[person.pk]
        )
        try:
            result = evaluate(document, as_of=today, pathways=[B25])
        except FactsError:
            continue  # stored data the contract refuses; the person's tab says why
        (pathway,) = result["pathways"]
        met_from = next(
            (c.get("met_from") for c in pathway["criteria"] if c["id"] == "residence_period"),
            None,
        )
        verdicts[person.pk] = (
            pathway["outcome"],
            datetime.date.fromisoformat(met_from) if met_from else None,
        )
    return verdicts


def _rows(
    user: Any,
    periods: dict[int, StatusPeriod],
    found: dict[int, tuple[str, datetime.date | None]],
) -> list[GroupRow]:
    ids = list(periods)
    named = categories_by_pk(Person.objects.all(), user, ids, [IDENTITY])
    persons = Person.objects.in_bulk([pk for pk in ids if IDENTITY in named.get(pk, ())])
    rows = [GroupRow(pk, persons.get(pk), periods[pk], found[pk][0], found[pk][1]) for pk in ids]
    rows.sort(
        key=lambda r: (
            r.due or datetime.date.max,
            r.person.display_name if r.person else "",
            r.person_id,
        )
    )
    return rows
