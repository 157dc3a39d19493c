from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lotse.audit import chain
from lotse.audit.log import hashed_fields
from lotse.audit.models import AuditChainHead, AuditEntry

# Enough to find every problem in a damaged table without flooding the terminal.
SHOWN_PROBLEMS = 50


def _head_problems() -> list[chain.ChainBreak]:
    """The head row remembers the newest link: it catches entries cut off the end."""
    with transaction.atomic():
        # Locking the head waits for a writer in progress, so head and newest
        # entry are read from the same moment and a live system gives no false alarm.
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        last = AuditEntry.objects.order_by("-id").first()
    if last is None:
        if head is not None and head.last_hash != chain.GENESIS:
            return [chain.ChainBreak(head.last_entry_id or 0, "all entries were removed")]
        return []
    if head is None:
        return [chain.ChainBreak(last.pk, "the chain head is missing")]
    if head.last_hash != last.hash or (head.last_entry_id not in (None, last.pk)):
        return [
            chain.ChainBreak(
                last.pk, "the newest entry is not the chain head: entries after it were removed"
            )
        ]
    return []


class Command(BaseCommand):
    help = "Audit trail tools. `lotse audit verify` checks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Recompute the hash chain and report every broken link.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify()

    def verify(self) -> None:
        entries = (
            (e.pk, e.prev_hash, e.hash, hashed_fields(e))
            for e in AuditEntry.objects.order_by("id").iterator(chunk_size=5000)
        )
        breaks = chain.verify(entries) + _head_problems()
        count = AuditEntry.objects.count()
        if breaks:
            for b in breaks[:SHOWN_PROBLEMS]:
                self.stderr.write(f"entry {b.entry_id}: {b.problem}")
            named = "; ".join(f"entry {b.entry_id}: {b.problem}" for b in breaks[:5])
            more = f" (and {len(breaks) - 5} more)" if len(breaks) > 5 else ""
            raise CommandError(
                f"Audit trail tampered: {len(breaks)} problem(s) in {count} entries: {named}{more}."
            )
        head = AuditChainHead.objects.filter(pk=1).first()
        head_hash = head.last_hash if head else chain.GENESIS
        self.stdout.write(
            self.style.SUCCESS(f"Audit trail intact: {count} entries, head {head_hash}.")
        )
