"""Sending owed reminders exactly once, however many workers run the job.

Like Healthchecks' `sendalerts`, a worker claims work with an atomic
compare-and-set UPDATE on the indexed due column: only rows still owed
(`reminder_due_at` not null and past) are taken, and taking them clears the
column and stamps the worker's claim. Under READ COMMITTED a second worker
updating the same rows waits for the first one's commit and then re-checks
the condition, which no longer holds: each row is claimed by exactly one
worker. SKIP LOCKED (PostgreSQL) only spares workers from queueing behind each
other; correctness does not depend on it.

A reminder is sent after its claim is committed; the claim also stamps
`reminded_at`, and the run's audit entry, written after the mails went out,
names the claim: it marks the run as done without touching the rows again
(a second UPDATE of every row cost more than the whole sending). A worker
that dies between claim and mail leaves claims without that entry, so the
reminders are lost rather than sent twice; `reminders_stuck()` lists them.

E-mail leaves the system, so reminders name only case references and due
dates, never the person or what is to be done: the link leads into Lotse,
where visibility decides what the reader sees.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.access.visibility import current_grants
from lotse.accounts.choices import CASE_ROLES
from lotse.accounts.models import Membership, User
from lotse.audit.log import record
from lotse.audit.models import AuditAction, AuditEntry
from lotse.deadlines.models import Task

BATCH_SIZE = 2000
RUN_TYPE = "deadlines.reminderrun"


@dataclass
class ReminderRun:
    claim: str
    claimed: int = 0
    emails: int = 0
    skipped: int = 0
    seconds: float = 0.0
    per_user: dict[int, list[tuple[int, str, datetime.date]]] = field(default_factory=dict)


def claim_batch(claim: str, *, now: datetime.datetime, limit: int = BATCH_SIZE) -> int:
    """Claim up to `limit` owed reminders for this run; returns how many were taken."""
    with transaction.atomic():
        owed = Task.objects.filter(reminder_due_at__isnull=False, reminder_due_at__lte=now)
        candidates = owed.order_by("reminder_due_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:limit])
        if not ids:
            return 0
        # The compare-and-set: the condition is repeated in the UPDATE itself.
        return owed.filter(pk__in=ids).update(
            reminder_due_at=None, reminder_claim=claim, reminded_at=timezone.now()
        )


Row = tuple[int, int | None, int | None, int, int | None, int]


def _recipients(rows: list[Row]) -> dict[int, set[int]]:
    """Task id → user ids to remind, from rows (task, assignee, team, case owner,
    responsible organisation, case).

    The assignee, or each member of the team, as long as they are still case
    staff of the organisation owning the case. A task a case conference handed
    to an organisation reminds each of that organisation's case staff, but only
    while it still holds a current grant for the case: a withdrawn release ends
    the reminders as it ends the access."""
    team_ids = {row[2] for row in rows if row[2] is not None}
    handed = {row[4] for row in rows if row[4] is not None}
    members: dict[int, set[int]] = defaultdict(set)
    if team_ids:
        for team_id, user_id in Membership.objects.filter(
            team_id__in=team_ids, role__in=CASE_ROLES, user__is_active=True
        ).values_list("team_id", "user_id"):
            members[team_id].add(user_id)
    staff: dict[int, set[int]] = defaultdict(set)
    granted: set[tuple[int, int]] = set()
    if handed:
        for org_id, user_id in Membership.objects.filter(
            organisation_id__in=handed,
            role__in=CASE_ROLES,
            user__is_active=True,
            organisation__is_active=True,
        ).values_list("organisation_id", "user_id"):
            staff[org_id].add(user_id)
        granted = set(
            current_grants()
            .filter(
                organisation_id__in=handed,
                case_id__in={row[5] for row in rows if row[4] is not None},
            )
            .values_list("case_id", "organisation_id")
        )
    wanted: dict[int, set[int]] = {}
    responsible: dict[int, int] = {}
    for task_id, assignee, team, owner, organisation, case_id in rows:
        if organisation is not None:
            responsible[task_id] = organisation
            wanted[task_id] = (
                set(staff.get(organisation, ())) if (case_id, organisation) in granted else set()
            )
        else:
            responsible[task_id] = owner
            wanted[task_id] = (
                {assignee} if assignee is not None else set(members.get(team or 0, ()))
            )
    user_ids = set().union(*wanted.values()) if wanted else set()
    staff_of: dict[int, set[int]] = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(
        user_id__in=user_ids,
        role__in=CASE_ROLES,
        user__is_active=True,
        organisation__is_active=True,
    ).values_list("user_id", "organisation_id"):
        staff_of[user_id].add(org_id)
    return {
        task_id: {u for u in users if responsible[task_id] in staff_of.get(u, set())}
        for task_id, users in wanted.items()
    }


def _collect(run: ReminderRun) -> None:
    rows = list(
        Task.objects.filter(reminder_claim=run.claim).values_list(
            "pk",
            "assignee_id",
            "team_id",
            "case__organisation_id",
            "organisation_id",
            "case_id",
            "due_on",
        )
    )
    recipients = _recipients([row[:6] for row in rows])
    for task_id, _a, _t, _owner, _org, case_id, due_on in rows:
        users = recipients.get(task_id, set())
        if not users:
            run.skipped += 1
        for user_id in users:
            run.per_user.setdefault(user_id, []).append((case_id, str(task_id), due_on))


class _Links:
    """Case links and dates for thousands of lines: reversed and formatted once."""

    def __init__(self) -> None:
        base = getattr(settings, "LOTSE_BASE_URL", "").rstrip("/")
        marker = 987654321
        self.pattern = base + reverse("cases:detail", args=[marker]).replace(str(marker), "{}")
        self.dates: dict[datetime.date, str] = {}

    def case(self, case_id: int) -> str:
        return self.pattern.format(case_id)

    def date(self, day: datetime.date) -> str:
        if day not in self.dates:
            self.dates[day] = date_format(day, "SHORT_DATE_FORMAT")
        return self.dates[day]


def _message(
    user: User, lines: list[tuple[int, str, datetime.date]], links: _Links
) -> EmailMessage:
    lines = sorted(lines, key=lambda line: (line[2], line[0]))
    body = [
        ngettext(
            "Hello %(name)s,\n\none follow-up is due:",
            "Hello %(name)s,\n\n%(count)d follow-ups are due:",
            len(lines),
        )
        % {"name": user.get_full_name() or user.username, "count": len(lines)},
        "",
    ]
    for case_id, _task, due_on in lines:
        body.append(
            _("Case F-%(case)07d, due %(date)s: %(url)s")
            % {
                "case": case_id,
                "date": links.date(due_on),
                "url": links.case(case_id),
            }
        )
    body += ["", _("Your start page in Lotse lists all your follow-ups.")]
    subject = ngettext(
        "Lotse: one follow-up due", "Lotse: %(count)d follow-ups due", len(lines)
    ) % {"count": len(lines)}
    return EmailMessage(subject, "\n".join(body), settings.DEFAULT_FROM_EMAIL, [user.email])


def _send(run: ReminderRun) -> None:
    users = User.objects.filter(pk__in=list(run.per_user), is_active=True).exclude(email="")
    with translation.override(settings.LANGUAGE_CODE):
        links = _Links()
        messages = [_message(user, run.per_user[user.pk], links) for user in users]
    if messages:
        mail = get_connection(fail_silently=False)
        run.emails = mail.send_messages(messages) or 0


def run_reminders(
    *,
    now: datetime.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[str], object] | None = None,
) -> ReminderRun:
    """Claim every owed reminder, send one e-mail per recipient, mark them sent."""
    started = timezone.now()
    now = now or started
    run = ReminderRun(claim=str(uuid.uuid4()))
    while taken := claim_batch(run.claim, now=now, limit=batch_size):
        run.claimed += taken
        if progress:
            progress(f"claimed {run.claimed} reminders")
    if not run.claimed:
        run.seconds = (timezone.now() - started).total_seconds()
        return run
    _collect(run)
    _send(run)
    with transaction.atomic():
        # One entry per run, after the mails: it marks the claim as sent. Which
        # tasks were reminded is in the tasks themselves (reminder_claim).
        record(
            None,
            AuditAction.UPDATE,
            object_type=RUN_TYPE,
            object_id=run.claim,
            changes={
                "event": "reminders sent",
                "tasks": run.claimed,
                "emails": run.emails,
                "without_recipient": run.skipped,
            },
        )
    run.seconds = (timezone.now() - started).total_seconds()
    return run


def reminders_stuck(older_than: datetime.timedelta = datetime.timedelta(hours=1)) -> Iterable[Task]:
    """Claimed but never marked sent (no run entry names the claim): the worker died."""
    cutoff = timezone.now() - older_than
    finished = AuditEntry.objects.filter(object_type=RUN_TYPE).values("object_id")
    return (
        Task.objects.exclude(reminder_claim="")
        .filter(reminded_at__lte=cutoff)
        .exclude(reminder_claim__in=finished)
        .order_by("pk")
    )
