import datetime
import json
import os
import sys
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.test.utils import override_settings
from django.utils import timezone

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, User
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task
from lotse.deadlines.reminders import ReminderRun, reminders_stuck, run_reminders
from lotse.synth.bench.runner import busiest_case_manager
from lotse.synth.bench.stats import HEADER, Summary, summarise, table
from lotse.synth.bench.transport import DjangoClientTransport, HttpTransport, Transport

COPY_COLUMNS = (
    "case_id, title, note, due_on, remind_on, assignee_id, team_id, status, "
    "reminder_claim, created_by_id, version, created_at, updated_at"
)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


class Command(BaseCommand):
    help = (
        "Measure the follow-up work on the current database: the reminder job over N owed "
        "reminders with W concurrent workers (each reminder must be claimed once), and the "
        "start page (HTML and /api/v1/dashboard/) of the busiest case manager and a team lead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reminders", type=int, default=100_000, help="Owed reminders.")
        parser.add_argument("--workers", type=int, default=2, help="Concurrent reminder workers.")
        parser.add_argument("--requests", type=int, default=200, help="Start-page requests.")
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--client", choices=("http", "django"), default="http")
        parser.add_argument(
            "--email-backend",
            default="django.core.mail.backends.locmem.EmailBackend",
            help="Where reminder mails go during the measurement (default: memory).",
        )
        parser.add_argument("--skip-reminders", action="store_true")
        parser.add_argument("--skip-pages", action="store_true")
        parser.add_argument("--json", action="store_true")

    def progress(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1 or options["requests"] < 1 or options["reminders"] < 1:
            raise CommandError("--workers, --requests and --reminders must be at least 1.")
        report: dict[str, Any] = {"load_before": _load(), "tasks": Task.objects.count()}
        if not options["skip_reminders"]:
            with override_settings(EMAIL_BACKEND=options["email_backend"]):
                report["reminders"] = self.bench_reminders(options["reminders"], options["workers"])
        if not options["skip_pages"]:
            summaries = self.bench_pages(options)
            report["pages"] = [s.__dict__ for s in summaries]
        report["load_after"] = _load()
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, default=str))
            return
        if "reminders" in report:
            r = report["reminders"]
            self.stdout.write(
                f"reminder job: {r['owed']} owed, {r['workers']} workers, {r['seconds']:.1f} s, "
                f"claimed {r['claimed']} (per worker {r['per_worker']}), {r['emails']} e-mails, "
                f"claimed twice: {r['claimed_twice']}, left unsent: {r['left_unsent']}"
            )
        if "pages" in report:
            self.stdout.write(table([HEADER, *(s.as_row() for s in summaries)]))
        self.stdout.write(
            f"load average before {report['load_before']}, after {report['load_after']}"
        )

    # The reminder job ------------------------------------------------------------------

    def _top_up(self, wanted: int) -> None:
        """Copies of existing open tasks until `wanted` open tasks exist."""
        while (have := Task.objects.filter(status=TaskStatus.OPEN).count()) < wanted:
            if have == 0:
                raise CommandError("No open follow-ups to copy: run `lotse synth` first.")
            missing = wanted - have
            with connection.cursor() as cursor:
                # A constant column list; the values travel as parameters.
                sql = f"INSERT INTO deadlines_task ({COPY_COLUMNS}) SELECT {COPY_COLUMNS} "
                cursor.execute(
                    sql + "FROM deadlines_task WHERE status = %s ORDER BY id LIMIT %s",
                    [TaskStatus.OPEN, missing],
                )
            self.progress(f"copied {min(missing, have)} open follow-ups")

    def bench_reminders(self, owed: int, workers: int) -> dict[str, Any]:
        self._top_up(owed)
        due_at = timezone.now() - datetime.timedelta(minutes=1)
        ids = list(
            Task.objects.filter(status=TaskStatus.OPEN)
            .order_by("id")
            .values_list("pk", flat=True)[:owed]
        )
        # Only the measured reminders are owed: the synthetic future ones stay out of the run.
        Task.objects.filter(reminder_due_at__isnull=False).update(reminder_due_at=None)
        for start in range(0, len(ids), 10_000):
            Task.objects.filter(pk__in=ids[start : start + 10_000]).update(
                reminder_due_at=due_at, reminder_claim="", reminded_at=None
            )
        self.progress(f"{len(ids)} reminders owed; {workers} workers start, load {_load()}")
        runs: list[ReminderRun] = []
        errors: list[BaseException] = []
        barrier = threading.Barrier(workers)

        def worker() -> None:
            try:
                barrier.wait()
                runs.append(run_reminders(now=timezone.now()))
            except BaseException as exc:  # reported after the join
                errors.append(exc)
            finally:
                connections.close_all()

        started = time.perf_counter()
        if workers == 1:
            # In this thread: also where threads cannot share the database (SQLite in memory).
            runs.append(run_reminders(now=timezone.now()))
        else:
            threads = [threading.Thread(target=worker) for _ in range(workers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        seconds = time.perf_counter() - started
        if errors:
            raise errors[0]
        claims = [run.claim for run in runs]
        claimed_rows = Task.objects.filter(pk__in=ids, reminder_claim__in=claims).count()
        return {
            "owed": len(ids),
            "workers": workers,
            "seconds": seconds,
            "claimed": sum(run.claimed for run in runs),
            "per_worker": [run.claimed for run in runs],
            "emails": sum(run.emails for run in runs),
            # Each row holds exactly one claim; a second claim would have overwritten
            # the first and the per-worker sum would exceed the rows.
            "claimed_twice": sum(run.claimed for run in runs) - claimed_rows,
            "left_unsent": Task.objects.filter(pk__in=ids, reminded_at__isnull=True).count()
            + len(list(reminders_stuck(datetime.timedelta(0)))),
        }

    # The start page ----------------------------------------------------------------------

    def _team_lead_of(self, user: User) -> User | None:
        team_ids = Membership.objects.filter(user=user, team__isnull=False).values("team_id")
        lead = Membership.objects.filter(role=Role.TEAM_LEAD, team_id__in=team_ids).first()
        return lead.user if lead else None

    def _measure(self, transport: Transport, name: str, path: str, options: Any) -> Summary:
        for _ in range(options["warmup"]):
            transport.get(path)
        millis, queries, errors = [], [], 0
        for _ in range(options["requests"]):
            response = transport.get(path)
            millis.append(response.millis)
            queries.append(response.queries)
            errors += response.status != 200
        return summarise(name, millis, queries, errors)

    def bench_pages(self, options: Any) -> list[Summary]:
        manager = busiest_case_manager()
        people = [("case manager", manager)]
        lead = self._team_lead_of(manager)
        if lead is not None:
            people.append(("team lead", lead))
        summaries = []
        for role, user in people:
            transport: Transport = (
                HttpTransport(user) if options["client"] == "http" else DjangoClientTransport(user)
            )
            try:
                self.progress(f"start page as {role} {user.username}, load {_load()}")
                summaries.append(self._measure(transport, f"start page ({role})", "/", options))
                summaries.append(
                    self._measure(
                        transport, f"dashboard API ({role})", "/api/v1/dashboard/", options
                    )
                )
            finally:
                transport.close()
        return summaries
