"""Anonymised conference figures for the coordinating office: counts, never content.

Small numbers can name a person in a small district ("the one conference with
the youth office in March"), so every count below MIN_CELL is shown as
suppressed, the usual rule of official statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from lotse.conferences.models import CaseConference, ConferenceParticipant, Decision
from lotse.deadlines.choices import TaskStatus

MIN_CELL = 3


def suppressed(value: int) -> int | None:
    """None stands for "fewer than MIN_CELL"; zero is no person and is shown."""
    return None if 0 < value < MIN_CELL else value


@dataclass(frozen=True)
class ConferenceFigures:
    conferences: int | None
    by_organisation: list[tuple[str, int | None]]
    decisions: int | None
    done_on_time: int | None
    done_late: int | None
    open: int | None


def conference_figures() -> ConferenceFigures:
    total = CaseConference.objects.count()
    per_org = (
        ConferenceParticipant.objects.values("organisation__name")
        .annotate(n=Count("conference_id", distinct=True))
        .order_by("organisation__name")
    )
    decisions = Decision.objects.aggregate(
        total=Count("id"),
        on_time=Count(
            "id",
            filter=Q(task__status=TaskStatus.DONE)
            & Q(task__completed_at__isnull=False)
            & Q(due_on__gte=TruncDate(F("task__completed_at"))),
        ),
        done=Count("id", filter=Q(task__status=TaskStatus.DONE)),
        open=Count("id", filter=Q(task__status=TaskStatus.OPEN)),
    )
    return ConferenceFigures(
        conferences=suppressed(total),
        by_organisation=[(row["organisation__name"], suppressed(row["n"])) for row in per_org],
        decisions=suppressed(decisions["total"]),
        done_on_time=suppressed(decisions["on_time"]),
        done_late=suppressed(decisions["done"] - decisions["on_time"]),
        open=suppressed(decisions["open"]),
    )
