"""Synthetic integration plans for the generated cases: goals, steps, reviews.

A pass after the main load: it reads the cases back in id order (so the
same cases and seed give the same plans) and writes plans in chunks, by COPY
on PostgreSQL and bulk_create elsewhere, like the rest of the generator.
Cases still in clearing or assessment have no plan yet; closed cases have
every goal settled with a closure review. Some pending steps are overdue, as
in real caseloads, so the start page's "overdue steps" has work to show.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Max

from lotse.cases.choices import Phase
from lotse.cases.models import Case, LifeArea
from lotse.plans.models import Goal, GoalReview, IntegrationPlan, Step

CHUNK = 10_000
NO_PLAN_YET = {Phase.CLEARING, Phase.ASSESSMENT}

# (life area code, goal, measure of success, steps) — short, plain, synthetic.
GOALS: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "language",
        "Deutsch auf Niveau B1",
        "B1-Zertifikat liegt vor",
        ("Anmeldung zum Integrationskurs", "Kinderbetreuung für die Kurszeiten klären"),
    ),
    (
        "work",
        "Ausbildung in der Pflege beginnen",
        "Ausbildungsvertrag unterschrieben",
        (
            "Bewerbungsunterlagen erstellen",
            "Praktikum im Pflegeheim",
            "Termin bei der Berufsberatung",
        ),
    ),
    (
        "work",
        "Anerkennung des Berufsabschlusses",
        "Anerkennungsbescheid liegt vor",
        ("Zeugnisse übersetzen lassen", "Antrag bei der Anerkennungsstelle stellen"),
    ),
    (
        "housing",
        "Eigene Wohnung finden",
        "Mietvertrag unterschrieben",
        ("Wohnberechtigungsschein beantragen", "Wohnungsbesichtigungen begleiten"),
    ),
    (
        "livelihood",
        "Lebensunterhalt gesichert",
        "Bewilligungsbescheid liegt vor",
        ("Weiterbewilligungsantrag Bürgergeld stellen", "Kindergeld beantragen"),
    ),
    (
        "residence",
        "Aufenthalt verfestigen",
        "Aufenthaltserlaubnis erteilt",
        ("Pass beschaffen", "Termin bei der Ausländerbehörde wahrnehmen"),
    ),
    (
        "health",
        "Psychotherapeutische Anbindung",
        "Erstgespräch hat stattgefunden",
        ("Termin beim Psychosozialen Zentrum", "Krankenversicherung klären"),
    ),
    (
        "family",
        "Kita-Platz für die Tochter",
        "Betreuungsvertrag liegt vor",
        ("Anmeldung im Kita-Portal", "Gespräch mit dem Jugendamt"),
    ),
    (
        "education",
        "Schulabschluss nachholen",
        "Hauptschulabschluss erreicht",
        ("Anmeldung an der Abendschule",),
    ),
    (
        "participation",
        "Anschluss im Stadtteil",
        "Regelmäßige Teilnahme an einem Verein",
        ("Besuch im Begegnungscafé", "Ehrenamtliche Patenschaft vermitteln"),
    ),
]
RESPONSIBLE = [
    ("person", ""),
    ("case_manager", ""),
    ("service", "Migrationsberatung"),
    ("service", "Jobcenter-Arbeitsvermittlung"),
]
ATTAINMENT_REASONS = {
    "achieved": "Ziel wie vereinbart erreicht",
    "partly": "Teilweise erreicht, Fortsetzung durch andere Stelle",
    "not_achieved": "Nicht erreicht, Wartelisten",
    "dropped": "Ziel aufgegeben, Umzug",
}

PLAN_COLUMNS = (
    "id",
    "case_id",
    "agreed_on",
    "agreement_form",
    "version",
    "created_at",
    "updated_at",
)
GOAL_COLUMNS = (
    "id",
    "plan_id",
    "case_id",
    "life_area_id",
    "title",
    "success_measure",
    "target_date",
    "position",
    "attainment",
    "attainment_reason",
    "settled_on",
    "created_at",
    "updated_at",
)
STEP_COLUMNS = (
    "goal_id",
    "case_id",
    "description",
    "responsible_kind",
    "responsible_organisation_id",
    "responsible_name",
    "due_date",
    "status",
    "done_on",
    "position",
    "created_at",
    "updated_at",
)
REVIEW_COLUMNS = (
    "goal_id",
    "case_id",
    "occasion",
    "reviewed_on",
    "attainment",
    "reason",
    "reviewed_by_id",
)
TABLES: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (IntegrationPlan, PLAN_COLUMNS),
    (Goal, GOAL_COLUMNS),
    (Step, STEP_COLUMNS),
    (GoalReview, REVIEW_COLUMNS),
)


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=datetime.UTC)


def _cases() -> Iterator[tuple[int, datetime.date, str, datetime.date | None]]:
    rows = Case.objects.order_by("id").values_list("id", "opened_on", "phase", "closed_on")
    yield from rows.iterator(chunk_size=CHUNK)


class PlanDrawer:
    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.areas = dict(LifeArea.objects.values_list("code", "id"))
        self.plan_id = (IntegrationPlan.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.goal_id = (Goal.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def draw(
        self,
        case_id: int,
        opened: datetime.date,
        phase: str,
        closed: datetime.date | None,
        out: dict[Any, list[tuple[Any, ...]]],
    ) -> None:
        rng, today = self.rng, self.today
        if phase in NO_PLAN_YET:
            return
        end = closed or today
        span = max((end - opened).days, 1)
        plan_id, self.plan_id = self.plan_id, self.plan_id + 1
        agreed = opened + datetime.timedelta(days=rng.randint(0, min(span, 40)))
        agreed_on, form = (
            (agreed, rng.choice(("signed", "oral"))) if rng.random() < 0.85 else (None, "")
        )
        goals = rng.sample(GOALS, rng.randint(1, 3))
        version = 1 + len(goals)
        created = _at(opened)
        for position, (area, title, measure, steps) in enumerate(goals):
            goal_id, self.goal_id = self.goal_id, self.goal_id + 1
            target = opened + datetime.timedelta(days=rng.randint(90, 400))
            attainment, reason, settled = "", "", None
            if closed is not None:
                attainment = rng.choice(tuple(ATTAINMENT_REASONS))
                reason, settled = ATTAINMENT_REASONS[attainment], closed
                out[GoalReview].append(
                    (goal_id, case_id, "closure", closed, attainment, reason, None)
                )
            out[Goal].append(
                (
                    goal_id,
                    plan_id,
                    case_id,
                    self.areas[area],
                    title,
                    measure,
                    target,
                    position,
                    attainment,
                    reason,
                    settled,
                    created,
                    created,
                )
            )
            for step_position, text in enumerate(steps[: rng.randint(1, len(steps))]):
                kind, name = rng.choice(RESPONSIBLE)
                due = opened + datetime.timedelta(days=rng.randint(7, span + 60))
                status = (
                    "done"
                    if closed is not None or (due < today and rng.random() < 0.7)
                    else rng.choice(("open", "in_progress"))
                )
                done_on = min(due, end) if status == "done" else None
                out[Step].append(
                    (
                        goal_id,
                        case_id,
                        text,
                        kind,
                        None,
                        name,
                        due,
                        status,
                        done_on,
                        step_position,
                        created,
                        created,
                    )
                )
                version += 1
        out[IntegrationPlan].append((plan_id, case_id, agreed_on, form, version, created, created))


def _write(chunk: dict[Any, list[tuple[Any, ...]]]) -> None:
    for model, columns in TABLES:
        rows = chunk[model]
        if not rows:
            continue
        if connection.vendor == "postgresql":
            quote = connection.ops.quote_name
            names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
            sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            model.objects.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000
            )


def add_plans(
    rng: random.Random, today: datetime.date, progress: Callable[[str], object] = print
) -> dict[str, int]:
    """Plans for every generated case past assessment; returns rows written per table."""
    counts = {model._meta.db_table: 0 for model, _columns in TABLES}
    with transaction.atomic():
        drawer = PlanDrawer(rng, today)
        chunk: dict[Any, list[tuple[Any, ...]]] = {model: [] for model, _c in TABLES}
        for seen, (case_id, opened, phase, closed) in enumerate(_cases(), start=1):
            drawer.draw(case_id, opened, phase, closed, chunk)
            if seen % CHUNK == 0:
                _flush(chunk, counts)
        _flush(chunk, counts)
        _reset_sequences()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model, _columns in TABLES:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    progress(
        f"plans: {counts[IntegrationPlan._meta.db_table]} plans, "
        f"{counts[Goal._meta.db_table]} goals, {counts[Step._meta.db_table]} steps"
    )
    return counts


def _flush(chunk: dict[Any, list[tuple[Any, ...]]], counts: dict[str, int]) -> None:
    _write(chunk)
    for model, _columns in TABLES:
        counts[model._meta.db_table] += len(chunk[model])
        chunk[model].clear()


def _reset_sequences() -> None:
    from django.core.management.color import no_style

    statements: Sequence[str] = connection.ops.sequence_reset_sql(
        no_style(), [IntegrationPlan, Goal]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
