"""Target groups computed once and kept until residence data changes.

A list whose candidates the engine evaluates within a page load (up to
INLINE_CANDIDATES) is computed in the request and stored; a larger one is
handed to a background job, and the page shows its progress until it is done.
A stored result counts only for its user, day, filters and the current stamp
(lotse.residence.models.cache). The persons are read again through the user's
visibility when the result is shown, so a release withdrawn since removes them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lotse.contacts.choices import JobStatus
from lotse.residence.groups import GroupRow, _rows, candidate_count, target_group
from lotse.residence.models import ResidenceStamp, StatusPeriod, TargetGroupResult

INLINE_CANDIDATES = 3000


def bump_stamp() -> None:
    """Called in every residence change's transaction: stored lists go stale."""
    if not ResidenceStamp.objects.filter(pk=1).update(value=F("value") + 1):
        ResidenceStamp.objects.get_or_create(pk=1, defaults={"value": 1})


def current_stamp() -> int:
    value = ResidenceStamp.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def _key(group: str, today: datetime.date, organisation_id: int | None, manager_id: int | None):
    return f"{group}|{today.isoformat()}|{organisation_id or ''}|{manager_id or ''}"


@dataclass(frozen=True)
class Lookup:
    rows: list[GroupRow] | None  # None while the job runs
    result: TargetGroupResult


def _store(rows: list[GroupRow]) -> list[list[Any]]:
    return [
        [r.person_id, r.current.pk, r.outcome, r.due.isoformat() if r.due else None] for r in rows
    ]


def _shown(user: Any, result: TargetGroupResult) -> list[GroupRow]:
    period_ids = [row[1] for row in result.rows]
    periods = StatusPeriod.objects.visible_to(user).in_bulk(period_ids)
    by_person = {p.person_id: p for p in periods.values()}
    found = {
        row[0]: (row[2], datetime.date.fromisoformat(row[3]) if row[3] else None)
        for row in result.rows
        if row[0] in by_person
    }
    return _rows(user, by_person, found)


def lookup(
    user: Any,
    group: str,
    *,
    today: datetime.date | None = None,
    organisation_id: int | None = None,
    manager_id: int | None = None,
) -> Lookup:
    today = today or timezone.localdate()
    key = _key(group, today, organisation_id, manager_id)
    stamp = current_stamp()
    stored = (
        TargetGroupResult.objects.filter(user=user, key=key, stamp=stamp)
        .exclude(status=JobStatus.FAILED)
        .order_by("-id")
        .first()
    )
    if stored is not None:
        if stored.status == JobStatus.DONE:
            return Lookup(_shown(user, stored), stored)
        return Lookup(None, stored)
    count = candidate_count(
        user, group, today=today, organisation_id=organisation_id, manager_id=manager_id
    )
    if count <= INLINE_CANDIDATES:
        rows = target_group(
            user, group, today=today, organisation_id=organisation_id, manager_id=manager_id
        )
        stored = TargetGroupResult.objects.create(
            user=user,
            key=key,
            stamp=stamp,
            status=JobStatus.DONE,
            total=count,
            done=count,
            rows=_store(rows),
            finished_at=timezone.now(),
        )
        return Lookup(rows, stored)
    return Lookup(None, _start_job(user, key, stamp, count))


def _start_job(user: Any, key: str, stamp: int, count: int) -> TargetGroupResult:
    with transaction.atomic():
        stored = TargetGroupResult.objects.create(user=user, key=key, stamp=stamp, total=count)

        def enqueue() -> None:
            from lotse.residence.tasks import compute_target_group

            job = compute_target_group.enqueue(stored.pk)
            TargetGroupResult.objects.filter(pk=stored.pk, task_id="").update(
                task_id=str(job.id)[:64]
            )

        transaction.on_commit(enqueue)
    return stored


def run_result(result_id: int) -> TargetGroupResult:
    """The background computation; claimed by compare-and-set, so it runs once."""
    claimed = TargetGroupResult.objects.filter(pk=result_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    )
    result = TargetGroupResult.objects.select_related("user").get(pk=result_id)
    if not claimed:
        return result
    group, day, organisation, manager = result.key.split("|")

    def progress(done: int, total: int) -> None:
        TargetGroupResult.objects.filter(pk=result_id).update(done=done, total=total)

    try:
        rows = target_group(
            result.user,
            group,
            today=datetime.date.fromisoformat(day),
            organisation_id=int(organisation) if organisation else None,
            manager_id=int(manager) if manager else None,
            progress=progress,
        )
    except Exception:
        TargetGroupResult.objects.filter(pk=result_id).update(
            status=JobStatus.FAILED, finished_at=timezone.now()
        )
        raise
    TargetGroupResult.objects.filter(pk=result_id).update(
        status=JobStatus.DONE, rows=_store(rows), finished_at=timezone.now()
    )
    result.refresh_from_db()
    return result
