import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.residence.deadline_tasks import sync_all
from lotse.residence.tasks import sync_residence_deadline_tasks


class Command(BaseCommand):
    help = (
        "Turn residence deadlines (expiry of permits and Duldungen, end of § 104c permits, "
        "the § 25a age limit) into tasks for the case managers, the lead time "
        "(LOTSE_RESIDENCE_DEADLINE_LEAD_DAYS) ahead. Idempotent: run it daily. "
        "`--enqueue` hands the run to the background workers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Run it as a background job.")
        parser.add_argument("--today", help="Pretend today is this day (YYYY-MM-DD).")
        parser.add_argument("--lead-days", type=int, help="Override the lead time in days.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            job = sync_residence_deadline_tasks.enqueue()
            self.stdout.write(f"enqueued job {job.id}")
            return
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today: not a date: {options['today']!r}") from None
        if options["lead_days"] is not None and options["lead_days"] < 1:
            raise CommandError("--lead-days: at least 1")
        result = sync_all(today=today, lead_days=options["lead_days"])
        self.stdout.write(
            f"{result.created} created, {result.updated} moved, {result.cancelled} cancelled, "
            f"{len(result.skipped)} skipped"
        )
        for line in result.skipped:
            self.stderr.write(f"skipped: {line}")
