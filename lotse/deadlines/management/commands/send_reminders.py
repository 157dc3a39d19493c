from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.deadlines.reminders import reminders_stuck, run_reminders
from lotse.deadlines.tasks import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the follow-up reminders that are due, each exactly once. Run it every few "
        "minutes (cron, systemd timer); any number may run at once. `--enqueue` hands the "
        "run to the background workers (`db_worker`) instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Run it as a background job.")
        parser.add_argument(
            "--stuck", action="store_true", help="List reminders claimed but never sent."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["stuck"]:
            for task in reminders_stuck():
                self.stdout.write(f"task {task.pk}: claim {task.reminder_claim}")
            return
        if options["enqueue"]:
            result = send_due_reminders.enqueue()
            self.stdout.write(f"enqueued job {result.id}")
            return
        run = run_reminders()
        self.stdout.write(
            f"{run.claimed} reminders, {run.emails} e-mails, "
            f"{run.skipped} without recipient, {run.seconds:.1f} s"
        )
