"""Target groups across every person a user may see: who to contact about a pathway.

Candidates are found in SQL from the current status period (a § 25b pathway
needs a Duldung or a § 104c permit) and narrowed there by conditions every
member must meet (`_narrowed`): the period of stay cannot be reached before the
earliest counted status began, a § 25b outcome of "likely met" needs the facts
the criteria ask for, and who has held counted status without a gap for the
whole period has already reached it. Only the remaining persons are evaluated
by the engine, each on the same facts document the person's tab evaluates, so
the narrowing changes how many are evaluated, never who is in the group
(`lotse/residence/tests/test_groups_narrowing.py` checks this on generated
persons and histories).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    DateField,
    Exists,
    Expression,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import Case
from lotse.core.api.categories import categories_by_pk
from lotse.core.categories import DataCategory
from lotse.pathways import aufenthg_25b
from lotse.pathways.common import LAWFUL_OR_TOLERATED
from lotse.pathways.periods import completes
from lotse.people.models import Person
from lotse.residence.choices import StatusKind
from lotse.residence.deadlines import add_months, chancen_end, is_104c
from lotse.residence.facts import document_of_file, load_files
from lotse.residence.models import (
    EmploymentSpell,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)
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


class DaysBetween(Func):
    """later - earlier in days, on PostgreSQL (date - date) and SQLite (julianday)."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


# Status kinds whose time a § 25b period of stay may count (§ 60b time only for
# § 104c holders), and those that count for everyone.
STAY_KINDS = sorted(LAWFUL_OR_TOLERATED)
UNBROKEN_KINDS = sorted(LAWFUL_OR_TOLERATED - {StatusKind.DULDUNG_60B.value})


def _latest_start(horizon: datetime.date, years: int) -> datetime.date:
    """A day no later than any start from which `years` of stay could be complete
    by `horizon`: a year has at least 365 days, so completes(start, years) >= start
    + 365 * years."""
    return horizon - datetime.timedelta(days=365 * years)


def _full_period_before(today: datetime.date, years: int) -> datetime.date:
    """A day D with completes(D, years) <= today: whoever held counted status on every
    day from D to today has the period of stay today."""
    day = add_months(today, -12 * years)
    while completes(day, years) > today:
        day -= datetime.timedelta(days=1)
    return day


def _stay_reachable(horizon: datetime.date) -> Q:
    """Necessary for § 25b's period of stay to be met by `horizon` (on the grouped
    periods, see `_narrowed`): the chain begins no earlier than the person's first
    counted status, and needs 6 years, or 4 with a minor child in the household
    (§ 25b Abs. 1 S. 2 Nr. 1)."""
    with_child = ResidenceFacts.objects.filter(living_with_minor_child=True).values("person_id")
    return Q(first_stay__lte=_latest_start(horizon, 6)) | Q(
        first_stay__lte=_latest_start(horizon, 4), person_id__in=with_child
    )


def _facts_allow_25b(
    periods: QuerySet[StatusPeriod], today: datetime.date
) -> QuerySet[StatusPeriod]:
    """Necessary for the outcome "likely met" or "discretionary": no criterion
    unknown or not met, so the facts these criteria read are recorded and
    favourable (lotse.pathways.aufenthg_25b and the shared criteria)."""
    certificate = LanguageCertificate.objects.filter(
        person_id=OuterRef("person_id"), issued_on__lte=today
    ).exclude(level="A1")
    employed = EmploymentSpell.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        person_id=OuterRef("person_id"),
        valid_from__lte=today,
        social_insurance=True,
    )
    favourable = ResidenceFacts.objects.filter(
        # Nr. 2: commitment and civic knowledge; Abs. 2 Nr. 1: no deception known;
        # Nr. 5: the children recorded (their school attendance is checked by the engine).
        person_id=OuterRef("person_id"),
        fdgo_commitment=True,
        civic_knowledge=True,
        identity_deception=False,
        children_complete=True,
    ).filter(
        # Nr. 4: a German qualification or a certificate of A2 or higher by today.
        Q(german_qualification=True) | Exists(certificate),
        # Nr. 3: livelihood assessed as secured, a family's benefits, or employment
        # subject to social insurance today with the benefit history complete.
        Q(livelihood_secured=True)
        | Q(livelihood_secured=False, living_with_minor_child=True)
        | (Q(livelihood_secured__isnull=True, benefits_complete=True) & Exists(employed)),
    )
    return periods.filter(Exists(favourable))


def _covered_since(since: datetime.date, today: datetime.date) -> Any:
    """Days from `since` to today on which a status counted for everyone (grouped)."""
    return Coalesce(
        Sum(
            DaysBetween(
                Least(Coalesce("valid_until", _day(today)), _day(today)),
                Greatest("valid_from", _day(since)),
            )
            + 1,
            filter=(Q(valid_until__isnull=True) | Q(valid_until__gte=since))
            & Q(kind__in=UNBROKEN_KINDS, valid_from__lte=today),
        ),
        0,
    )


def _narrowed(periods: QuerySet[StatusPeriod], group: str, today: datetime.date) -> Any:
    """The candidates kept by conditions every member meets (their person ids),
    checked in one grouped pass over all their status periods.

    "Within 6 months": a current § 60b Duldung (the person then holds no § 104c
    permit) does not count, so the chain is not ongoing and a day on which it
    completes lies in its past stretches, on or before today. And whoever holds a
    Duldung or a residence permit today and held status counting for everyone on
    every day since D, with completes(D, 6) <= today, met even six years today
    (four would be met earlier): such a person is not in the group either.
    """
    if group == "25b_now":
        periods = _facts_allow_25b(periods, today)
        keep = _stay_reachable(today)
    else:
        periods = periods.exclude(kind=StatusKind.DULDUNG_60B)
        since = _full_period_before(today, 6)
        keep = _stay_reachable(add_months(today, 6)) & ~Q(covered=(today - since).days + 1)
    grouped = (
        StatusPeriod.objects.filter(person_id__in=periods.values("person_id"))
        .order_by()
        .values("person_id")
        .annotate(first_stay=Min("valid_from", filter=Q(kind__in=STAY_KINDS)))
    )
    if group != "25b_now":
        grouped = grouped.annotate(covered=_covered_since(since, today))
    return grouped.filter(keep).values_list("person_id", flat=True)


def _day(day: datetime.date) -> Expression:
    return Value(day, output_field=DateField())


def _tolerated_or_104c() -> Q:
    tolerated = Q(kind__in=[StatusKind.DULDUNG, StatusKind.DULDUNG_60B])
    return tolerated | Q(kind=StatusKind.AUFENTHALTSERLAUBNIS, paragraph__contains="104c")


def _current(today: datetime.date) -> Q:
    """A candidate's status period running today (as `_current_periods`)."""
    running = Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    return running & Q(valid_from__lte=today) & _tolerated_or_104c()


def _candidates(
    user: Any,
    group: str,
    today: datetime.date,
    *,
    organisation_id: int | None,
    manager_id: int | None,
    narrow: bool = True,
) -> Any:
    """The person ids the engine evaluates for a § 25b group (a query)."""
    periods = _current_periods(user, today, organisation_id=organisation_id, manager_id=manager_id)
    periods = periods.filter(_tolerated_or_104c())
    if not narrow:
        return periods.values_list("person_id", flat=True)
    if group == "25b_now" and not aufenthg_25b.RULES.in_force(today):
        return periods.none().values_list("person_id", flat=True)
    return _narrowed(periods, group, today)


def _current_of(person_ids: list[int], today: datetime.date) -> dict[int, StatusPeriod]:
    """The candidates' current periods, by person (no visibility again: the ids are
    visible candidates already)."""
    current: dict[int, StatusPeriod] = {}
    for start in range(0, len(person_ids), BATCH):
        chunk = person_ids[start : start + BATCH]
        for period in StatusPeriod.objects.filter(_current(today), person_id__in=chunk):
            current[period.person_id] = period
    return current


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
    return _candidates(
        user, group, today, organisation_id=organisation_id, manager_id=manager_id
    ).count()


def target_group(
    user: Any,
    group: str,
    *,
    today: datetime.date,
    organisation_id: int | None = None,
    manager_id: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    narrow: bool = True,
) -> list[GroupRow]:
    """The group's rows; `narrow=False` evaluates every candidate (the reference
    the narrowing is tested against)."""
    if group == "104c_ending":
        periods = _current_periods(
            user, today, organisation_id=organisation_id, manager_id=manager_id
        )
        permits = Q(kind=StatusKind.AUFENTHALTSERLAUBNIS, paragraph__contains="104c")
        horizon = add_months(today, 3)
        current = {p.person_id: p for p in periods.filter(permits) if is_104c(p)}
        ending = {pk: p for pk, p in current.items() if today <= chancen_end(p) <= horizon}
        return _rows(user, ending, {pk: ("", chancen_end(p)) for pk, p in ending.items()})
    ids = sorted(
        _candidates(
            user,
            group,
            today,
            organisation_id=organisation_id,
            manager_id=manager_id,
            narrow=narrow,
        )
    )
    current = _current_of(ids, today)
    verdicts = _evaluate_25b(user, sorted(current), today, progress)
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
