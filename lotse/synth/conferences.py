"""A few synthetic case conferences: some held (minutes, decisions that became the
responsible office's tasks), some upcoming.

Only cases whose participants hold a current consent grant are eligible, so every
synthetic conference is one the release would allow. A handful is enough to show
the panel, the start-page section and the coordinator's figures; the number does
not grow with the population. Same seed, same cases, same day: same conferences.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from lotse.access.choices import GrantReason
from lotse.access.visibility import current_grants
from lotse.cases.models import Case
from lotse.conferences.models import AgendaItem, CaseConference, ConferenceParticipant, Decision
from lotse.core.categories import from_mask
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task

MAX_CONFERENCES = 12
AGENDA = (
    "Stand der Integration",
    "Sprachkurs und Kinderbetreuung",
    "Arbeitssuche und Anerkennung",
    "Wohnsituation",
    "Aufenthaltsrechtliche Perspektive",
)
DECISIONS = (
    "Vermittlungsvorschlag unterbreiten",
    "Antrag auf Kostenübernahme prüfen",
    "Termin zur Beratung anbieten",
    "Unterlagen zur Anerkennung anfordern",
)
# What a conference discusses, in order of preference, among what the release grants.
TOPICS = ("education_work", "residence", "finances", "family", "identity")


def add_conferences(
    seed: int, today: datetime.date | None = None, progress: Callable[[str], object] = print
) -> dict[str, int]:
    """Runs after the follow-ups (lotse.synth.deadlines), which go only to cases
    without any: the conferences' tasks come on top."""
    rng = random.Random(f"lotse-synth:{seed}:conferences")  # noqa: S311 (synthetic, not secret)
    today = today or timezone.localdate()
    grants = (
        current_grants()
        .filter(reason=GrantReason.CONSENT, case__closed_on__isnull=True)
        .order_by("case_id", "organisation_id")
        .values_list("case_id", "organisation_id", "categories")[: MAX_CONFERENCES * 20]
    )
    by_case: dict[int, list[tuple[int, frozenset[str]]]] = {}
    for case_id, organisation_id, mask in grants:
        cats = mask if isinstance(mask, frozenset) else from_mask(int(mask))
        by_case.setdefault(case_id, []).append((organisation_id, frozenset(cats)))
    chosen = sorted(by_case)[:MAX_CONFERENCES]
    counts = dict.fromkeys(
        ("conferences_caseconference", "conferences_decision", "deadlines_task"), 0
    )
    cases = Case.objects.in_bulk(chosen)
    now = timezone.now()
    with transaction.atomic():
        for index, case_id in enumerate(chosen):
            case = cases[case_id]
            offices = by_case[case_id]
            shared = frozenset.intersection(*(cats for _o, cats in offices))
            topic = next((t for t in TOPICS if t in shared), None)
            if topic is None:
                continue
            held = index % 3 != 0
            days = -rng.randint(3, 40) if held else rng.randint(2, 21)
            starts = (now + datetime.timedelta(days=days)).replace(
                hour=rng.choice((9, 10, 14)), minute=0, second=0, microsecond=0
            )
            conference = CaseConference.objects.create(
                case=case,
                title=rng.choice(("Fallkonferenz", "Hilfeplankonferenz", "Abstimmungsgespräch")),
                data_category=topic,
                starts_at=starts,
                place="Kreishaus, Raum " + str(rng.randint(1, 9)),
                person_attends=rng.random() < 0.8,
                interpreter_language=rng.choice(("", "ar", "prs", "uk")),
                next_review_on=today + datetime.timedelta(days=rng.randint(30, 90))
                if held
                else None,
                minutes_recorded_at=starts if held else None,
            )
            counts["conferences_caseconference"] += 1
            ConferenceParticipant.objects.create(
                conference=conference, organisation_id=case.organisation_id, kind="organiser"
            )
            for organisation_id, _cats in offices:
                ConferenceParticipant.objects.create(
                    conference=conference, organisation_id=organisation_id, kind="organisation"
                )
            for position, title in enumerate(rng.sample(AGENDA, 2), start=1):
                AgendaItem.objects.create(
                    conference=conference,
                    position=position,
                    title=title,
                    minutes="Besprochen, siehe Beschlüsse." if held else "",
                )
            if not held:
                continue
            organisation_id = offices[0][0]
            due_on = max(today + datetime.timedelta(days=rng.randint(-10, 30)), case.opened_on)
            done = due_on < today and rng.random() < 0.6
            text = rng.choice(DECISIONS)
            task = Task.objects.create(
                case=case,
                title=text,
                note="Beschluss der Fallkonferenz",
                due_on=due_on,
                remind_on=due_on,
                organisation_id=organisation_id,
                status=TaskStatus.DONE if done else TaskStatus.OPEN,
                completed_at=now if done else None,
            )
            Decision.objects.create(
                conference=conference,
                text=text,
                organisation_id=organisation_id,
                due_on=due_on,
                task=task,
            )
            counts["conferences_decision"] += 1
            counts["deadlines_task"] += 1
    progress(f"case conferences: {counts['conferences_caseconference']}")
    return counts
