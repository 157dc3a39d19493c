"""The receiving office's referral inbox with many referrals: data and measurement.

`ensure_inbox` builds (once, idempotently) a welfare organisation that has
sent an office tens of thousands of referrals: a few hundred synthetic persons
with cases and releases made through the actions, then the referrals in bulk
(their audit trail is not the subject here). `run` opens inbox pages as the
office's staff member: the first pages, deep pages and status filters.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.network.choices import OrganisationKind
from lotse.network.models import Organisation
from lotse.referrals.choices import ReferralStatus
from lotse.referrals.models import Referral
from lotse.referrals.views.inbox import cursor_of
from lotse.synth.bench.runner import Measured
from lotse.synth.bench.stats import Summary, summarise

SENDER = "Caritas Benchmark"
OFFICE = "Jobcenter Benchmark"
OFFICE_USER = "bench-jobcenter"
# Most referrals of an old inbox are closed; a few are waiting.
STATUS_WEIGHTS = {
    ReferralStatus.DONE: 45,
    ReferralStatus.DECLINED: 10,
    ReferralStatus.NOT_TAKEN_UP: 10,
    ReferralStatus.WITHDRAWN: 5,
    ReferralStatus.IN_PROGRESS: 15,
    ReferralStatus.ACCEPTED: 10,
    ReferralStatus.SENT: 5,
}
REASONED = {ReferralStatus.DECLINED, ReferralStatus.NOT_TAKEN_UP}


def _organisation(name: str, kind: str) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "place": "Benchstadt"}
    )
    return organisation


def _staff(organisation: Organisation, username: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": "Bench", "last_name": "Nutzer"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, organisation=organisation, role=Role.CASE_MANAGER)
    return user


def ensure_inbox(
    referrals: int, *, persons: int = 500, seed: int = 1, progress: Callable[[str], Any] = print
) -> User:
    from lotse.testing import factories as f

    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    sender = _organisation(SENDER, OrganisationKind.WELFARE_ORGANISATION)
    office = _organisation(OFFICE, OrganisationKind.JOB_CENTRE)
    manager = _staff(sender, "bench-caritas")
    office_user = _staff(office, OFFICE_USER)
    cases = list(sender.owned_cases.values_list("id", "person_id"))
    while len(cases) < persons:
        case = f.case(sender, managers=(manager,), actor=manager)
        f.consent(case, [office], ("identity", "residence", "education_work"))
        cases.append((case.pk, case.person_id))
        if len(cases) % 100 == 0:
            progress(f"{len(cases)} persons with a case and a release")
    from lotse.access.models import Consent

    consent_of = dict(
        Consent.objects.filter(person_id__in=[p for _c, p in cases], recipients=office).values_list(
            "person_id", "id"
        )
    )
    missing = referrals - Referral.objects.filter(recipient_organisation=office).count()
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    now = timezone.now()
    batch: list[Referral] = []
    for index in range(max(0, missing)):
        case_id, person_id = rng.choice(cases)
        status = rng.choices(statuses, weights)[0]
        batch.append(
            Referral(
                person_id=person_id,
                case_id=case_id,
                sender_organisation=sender,
                recipient_organisation=office,
                request="Benchmark: Bitte um Beratung zur Arbeitsaufnahme.",
                categories=frozenset({"identity", "education_work"}),
                consent_id=consent_of.get(person_id),
                urgency=rng.choice(["normal", "normal", "urgent"]),
                status=status,
                reason="Benchmark" if status in REASONED else "",
                idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
                sent_by=manager,
                sent_at=now - datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)),
            )
        )
        if len(batch) == 5000:
            with transaction.atomic():
                Referral.objects.bulk_create(batch)
            batch = []
            progress(f"{index + 1} of {missing} referrals")
    if batch:
        with transaction.atomic():
            Referral.objects.bulk_create(batch)
    return office_user


def run(
    transport: Any, *, requests: int, seed: int = 1, warmup: int = 5
) -> tuple[list[Summary], list[tuple[float, str]]]:
    rng = random.Random(seed)  # noqa: S311
    # Deep reading: "older than" a referral anywhere in the inbox, as following
    # the Older link that far would arrive there.
    office = Organisation.objects.get(name=OFFICE)
    ids = list(Referral.objects.filter(recipient_organisation=office).values_list("id", flat=True))
    cursors = [
        cursor_of(r) for r in Referral.objects.filter(pk__in=rng.sample(ids, min(200, len(ids))))
    ]
    first, deep, filtered = Measured(), Measured(), Measured()
    timings: list[tuple[float, str]] = []
    inbox = reverse("referrals:inbox")
    for i in range(warmup + requests):
        kind = i % 3
        if kind == 0:
            url, bucket = inbox, first
        elif kind == 1:
            url, bucket = f"{inbox}?{urlencode({'before': rng.choice(cursors)})}", deep
        else:
            url, bucket = f"{inbox}?status={rng.choice(list(STATUS_WEIGHTS))}", filtered
        response = transport.get(url)
        if i >= warmup:
            ok = response.status == 200 and "referral-inbox" in response.body
            bucket.add(200 if ok else response.status or 599, response.millis, response.queries)
            timings.append((response.millis, url))
    return (
        [
            summarise("inbox, first page", first.millis, first.queries, first.errors),
            summarise("inbox, older than any", deep.millis, deep.queries, deep.errors),
            summarise("inbox, by status", filtered.millis, filtered.queries, filtered.errors),
        ],
        sorted(timings, reverse=True)[:5],
    )
