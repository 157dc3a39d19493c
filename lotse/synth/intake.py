"""Synthetic intakes, assessments and phase histories for the generated cases.

A pass after the persons and cases are loaded: it streams the run's cases in
id order and draws, per case, the intake that opened it (with its life areas),
the assessment of those areas (some re-assessed, so history exists) and the
phase steps that led to its current phase. Rows bypass the actions, like the
rest of the generator; on PostgreSQL they are COPYed with the tables' indexes
and keys dropped and rebuilt afterwards. Same seed, same rows.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max, OuterRef, Subquery

from lotse.cases.models import Case, CaseManagerAssignment, CasePhaseChange, LifeArea
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.synth.draw import between
from lotse.synth.writer import _relaxations

CHUNK = 10_000
DAY = datetime.timedelta(days=1)
PHASES = ("clearing", "assessment", "planning", "linking", "monitoring", "evaluation")
ROUTES = (("self", 0.35), ("office", 0.35), ("volunteer", 0.2), ("outreach", 0.1))
NEEDS = (
    "Sprachkurs gesucht.",
    "Wohnung zu klein, Suche läuft.",
    "Anerkennung des Abschlusses offen.",
    "Schulden bei Energieversorger.",
    "Kita-Platz fehlt.",
    "Aufenthaltstitel läuft bald ab.",
    "Arbeit in der Pflege gewünscht.",
    "Termin beim Jobcenter verpasst.",
)
SITUATIONS = ("Noch ungeklärt.", "Erste Schritte unternommen.", "Stabil.", "Verschlechtert.")
RESOURCES = ("Familie unterstützt.", "Ehrenamtliche Patin.", "Gute Englischkenntnisse.", "")
PRIORITIES = ("high", "medium", "low")
REASSESSED = 0.3

INTAKE_COLUMNS = (
    "id",
    "person_id",
    "organisation_id",
    "case_id",
    "held_on",
    "came_via",
    "came_via_detail",
    "first_needs",
    "other_providers",
    "other_provider_count",
    "pathways_failed",
    "agrees_to_case_management",
    "decision",
    "decision_reason",
    "referred_to",
    "recorded_by_id",
    "recorded_at",
)
AREA_COLUMNS = ("intakerecord_id", "lifearea_id")
ASSESSMENT_COLUMNS = (
    "id",
    "case_id",
    "life_area_id",
    "assessed_on",
    "situation",
    "resources",
    "needs",
    "priority",
    "note",
    "previous_id",
    "is_current",
    "recorded_by_id",
    "recorded_at",
)
PHASE_COLUMNS = ("case_id", "from_phase", "to_phase", "changed_at", "changed_by_id", "note")


@dataclass
class Rows:
    intakes: list[tuple[Any, ...]] = field(default_factory=list)
    areas: list[tuple[Any, ...]] = field(default_factory=list)
    assessments: list[tuple[Any, ...]] = field(default_factory=list)
    phases: list[tuple[Any, ...]] = field(default_factory=list)


def _at(day: datetime.date, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9, minute), tzinfo=datetime.UTC)


def _route(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for value, share in ROUTES:
        total += share
        if roll < total:
            return value
    return ROUTES[-1][0]


class IntakeDrawer:
    def __init__(self, today: datetime.date, area_ids: list[int], next_ids: dict[str, int]):
        self.today = today
        self.area_ids = area_ids
        self.next = next_ids

    def _take(self, name: str) -> int:
        value = self.next[name]
        self.next[name] = value + 1
        return value

    def draw(self, rng: random.Random, case: tuple[Any, ...], rows: Rows) -> None:
        case_id, person_id, org_id, phase, opened, closed, manager = case
        end = closed or self.today
        intake_id = self._take("intake")
        areas = rng.sample(self.area_ids, between(rng, 3, 5))
        rows.intakes.append(
            (
                intake_id,
                person_id,
                org_id,
                case_id,
                opened,
                _route(rng),
                "",
                " ".join(rng.sample(NEEDS, between(rng, 1, 3))),
                "",
                between(rng, 0, 2),
                rng.random() < 0.6,
                True,
                "case_management",
                "",
                "",
                manager,
                _at(opened),
            )
        )
        rows.areas.extend((intake_id, area) for area in areas)
        # The steps from clearing to the current phase (a closed case ends somewhere first).
        last = PHASES.index(phase) if phase in PHASES else between(rng, 0, len(PHASES) - 1)
        path = list(PHASES[: last + 1]) + (["closed"] if closed else [])
        span = max((end - opened).days, 0)
        days = sorted(rng.randint(0, span) for _step in path[1:])
        previous = ""
        for index, (step, offset) in enumerate(zip(path, [0, *days], strict=True)):
            day = end if step == "closed" else opened + offset * DAY
            rows.phases.append((case_id, previous, step, _at(day, index), manager, ""))
            previous = step
        if last == 0:
            return
        for area in areas:
            first_on = min(end, opened + between(rng, 3, 30) * DAY)
            first_id = self._take("assessment")
            again = rng.random() < REASSESSED and (end - first_on).days > 30
            rows.assessments.append(
                (
                    first_id,
                    case_id,
                    area,
                    first_on,
                    rng.choice(SITUATIONS),
                    rng.choice(RESOURCES),
                    rng.choice(NEEDS),
                    rng.choice(PRIORITIES),
                    "",
                    None,
                    not again,
                    manager,
                    _at(first_on),
                )
            )
            if again:
                later = first_on + between(rng, 30, (end - first_on).days) * DAY
                rows.assessments.append(
                    (
                        self._take("assessment"),
                        case_id,
                        area,
                        later,
                        rng.choice(SITUATIONS),
                        rng.choice(RESOURCES),
                        rng.choice(NEEDS),
                        rng.choice(PRIORITIES),
                        "",
                        first_id,
                        True,
                        manager,
                        _at(later),
                    )
                )


def _tables() -> list[tuple[str, type[models.Model] | Any, tuple[str, ...], str]]:
    through = IntakeRecord.life_areas.through
    return [
        ("intakes", IntakeRecord, INTAKE_COLUMNS, IntakeRecord._meta.db_table),
        ("areas", through, AREA_COLUMNS, through._meta.db_table),
        ("assessments", AssessmentEntry, ASSESSMENT_COLUMNS, AssessmentEntry._meta.db_table),
        ("phases", CasePhaseChange, PHASE_COLUMNS, CasePhaseChange._meta.db_table),
    ]


def _write(rows: Rows, use_copy: bool, counts: dict[str, int]) -> None:
    for name, model, columns, db_table in _tables():
        batch: Sequence[tuple[Any, ...]] = getattr(rows, name)
        counts[db_table] = counts.get(db_table, 0) + len(batch)
        if not batch:
            continue
        if use_copy:
            quote = connection.ops.quote_name
            sql = f"COPY {quote(db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in batch:
                    copy.write_row(row)
        else:
            model._default_manager.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in batch],
                batch_size=2000,
            )


@contextmanager
def _relaxed(use_copy: bool) -> Iterator[None]:
    """Without the tables' secondary indexes and keys while loading (see RowWriter)."""
    if not use_copy:
        yield
        return
    names = [db_table for _n, _m, _c, db_table in _tables()]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        drops, creates = _relaxations(cursor, names)
        for sql in drops:
            cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        for sql in creates:
            cursor.execute(sql)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _cases(first_case_id: int) -> Iterator[tuple[Any, ...]]:
    lead = CaseManagerAssignment.objects.filter(case=OuterRef("pk")).order_by("-is_lead", "id")
    return (
        Case.objects.filter(pk__gte=first_case_id)
        .order_by("pk")
        .annotate(manager=Subquery(lead.values("user_id")[:1]))
        .values_list(
            "pk", "person_id", "organisation_id", "phase", "opened_on", "closed_on", "manager"
        )
        .iterator(chunk_size=CHUNK)
    )


def write_intake(
    *,
    seed: int,
    first_case_id: int,
    today: datetime.date,
    progress: Callable[[str], object] = print,
) -> dict[str, int]:
    """Intake, assessment and phase rows for the cases with id >= first_case_id."""
    use_copy = connection.vendor == "postgresql"
    area_ids = list(
        LifeArea.objects.filter(active=True).order_by("position").values_list("id", flat=True)
    )
    next_ids = {
        "intake": (IntakeRecord.objects.aggregate(top=Max("id"))["top"] or 0) + 1,
        "assessment": (AssessmentEntry.objects.aggregate(top=Max("id"))["top"] or 0) + 1,
    }
    drawer = IntakeDrawer(today, area_ids, next_ids)
    counts: dict[str, int] = {}
    with transaction.atomic(), _relaxed(use_copy):
        rows, index = Rows(), 0
        rng = random.Random(f"lotse-synth:{seed}:intake:0")  # noqa: S311 (synthetic)
        for done, case in enumerate(_cases(first_case_id), start=1):
            drawer.draw(rng, case, rows)
            if done % CHUNK == 0:
                _write(rows, use_copy, counts)
                rows, index = Rows(), index + 1
                rng = random.Random(f"lotse-synth:{seed}:intake:{index}")  # noqa: S311
                progress(f"intake and assessment for {done} cases")
        _write(rows, use_copy, counts)
        if use_copy:
            with connection.cursor() as cursor:
                for model in (IntakeRecord, AssessmentEntry):
                    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                        cursor.execute(sql)
    if use_copy:
        with connection.cursor() as cursor:
            for _n, _m, _c, db_table in _tables():
                cursor.execute(f"ANALYZE {connection.ops.quote_name(db_table)}")
    return counts
