"""Synthetic referrals for the generated district (demo and benchmarks).

A pass after the main load: for releases in force that name another
organisation, about a third of the persons' open cases get a referral to that
organisation, carrying the categories the release covers, in every state of
the loop, some unanswered for weeks (the sender's start page shows them).
Same seed, same referrals: cases are read in id order and drawn per chunk.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from lotse.access.models import Consent
from lotse.cases.models import Case
from lotse.referrals.choices import ReferralStatus
from lotse.referrals.models import Referral

CHUNK = 5_000
SHARE = 0.35
REQUESTS = (
    "Bitte um Beratung zur Arbeitsaufnahme.",
    "Bitte um einen Platz im Integrationskurs.",
    "Bitte um Prüfung des Leistungsanspruchs.",
    "Bitte um Unterstützung bei der Wohnungssuche.",
)
STATUSES = (
    (ReferralStatus.SENT, 20),
    (ReferralStatus.ACCEPTED, 15),
    (ReferralStatus.IN_PROGRESS, 20),
    (ReferralStatus.DONE, 30),
    (ReferralStatus.DECLINED, 5),
    (ReferralStatus.NOT_TAKEN_UP, 5),
    (ReferralStatus.WITHDRAWN, 5),
)
REASONS = {
    ReferralStatus.DECLINED: "Keine freien Plätze.",
    ReferralStatus.NOT_TAKEN_UP: "Termin nicht wahrgenommen.",
}


def add_referrals(
    seed: int, today: datetime.date, progress: Callable[[str], object] = print
) -> dict[str, int]:
    releases = (
        Consent.recipients.through.objects.filter(
            consent__withdrawn_on__isnull=True, consent__given_on__lte=today
        )
        .filter(Q(consent__valid_until__isnull=True) | Q(consent__valid_until__gte=today))
        .order_by("consent_id", "organisation_id")
        .values_list("consent_id", "organisation_id", "consent__person_id", "consent__categories")
    )
    now = timezone.now()
    written = 0
    batch: list[Referral] = []
    rng = random.Random(f"lotse-synth:{seed}:referrals")  # noqa: S311 (synthetic data)
    chunk: list[tuple[int, int, int, frozenset[str]]] = []
    with transaction.atomic():
        for row in releases.iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                batch.extend(_draw(rng, chunk, now))
                chunk = []
        batch.extend(_draw(rng, chunk, now))
        for start in range(0, len(batch), CHUNK):
            Referral.objects.bulk_create(batch[start : start + CHUNK])
            written += len(batch[start : start + CHUNK])
    if connection.vendor == "postgresql":
        # Like every other bulk step: without statistics the planner takes the
        # unanswered referrals for one row per organisation (16k at 1M persons)
        # and hashes them all for the start page's overdue section.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Referral._meta.db_table)}")
    progress(f"referrals: {written} written")
    return {Referral._meta.db_table: written}


def _draw(
    rng: random.Random, releases: list[tuple[int, int, int, frozenset[str]]], now: datetime.datetime
) -> list[Referral]:
    person_ids = {person for _c, _o, person, _cats in releases}
    open_cases: dict[int, list[tuple[int, int]]] = {}
    for case_id, person_id, owner_id in (
        Case.objects.open()
        .filter(person_id__in=person_ids)
        .order_by("id")
        .values_list("id", "person_id", "organisation_id")
    ):
        open_cases.setdefault(person_id, []).append((case_id, owner_id))
    statuses = [status for status, _w in STATUSES]
    weights = [weight for _s, weight in STATUSES]
    drawn = []
    for consent_id, recipient_id, person_id, categories in releases:
        if rng.random() >= SHARE or not categories:
            continue
        cases = [c for c in open_cases.get(person_id, []) if c[1] != recipient_id]
        if not cases:
            continue
        case_id, owner_id = cases[0]
        status = rng.choices(statuses, weights)[0]
        sent_at = now - datetime.timedelta(days=rng.randrange(1, 120), minutes=rng.randrange(600))
        drawn.append(
            Referral(
                person_id=person_id,
                case_id=case_id,
                sender_organisation_id=owner_id,
                recipient_organisation_id=recipient_id,
                request=rng.choice(REQUESTS),
                categories=categories,
                consent_id=consent_id,
                urgency="urgent" if rng.random() < 0.15 else "normal",
                status=status,
                reason=REASONS.get(status, ""),
                idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
                sent_at=sent_at,
                answered_at=None if status == ReferralStatus.SENT else sent_at,
            )
        )
    return drawn
