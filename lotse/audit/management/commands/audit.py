from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.audit import chain
from lotse.audit.log import hashed_fields
from lotse.audit.models import AuditChainHead, AuditEntry


class Command(BaseCommand):
    help = "Audit trail tools. `lotse audit verify` checks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Recompute the hash chain and report every broken link.")

    def handle(self, *args: Any, **options: Any) -> None:
        entries = (
            (e.pk, e.prev_hash, e.hash, hashed_fields(e))
            for e in AuditEntry.objects.order_by("id").iterator(chunk_size=5000)
        )
        breaks = chain.verify(entries)
        head = AuditChainHead.objects.filter(pk=1).first()
        last = AuditEntry.objects.order_by("-id").first()
        if head is not None and last is not None and head.last_hash != last.hash:
            breaks.append(chain.ChainBreak(last.pk, "the newest entry is not the chain head"))
        count = AuditEntry.objects.count()
        if breaks:
            for b in breaks[:50]:
                self.stderr.write(f"entry {b.entry_id}: {b.problem}")
            raise CommandError(
                f"Audit trail tampered: {len(breaks)} problem(s) in {count} entries."
            )
        head_hash = head.last_hash if head else chain.GENESIS
        self.stdout.write(f"Audit trail intact: {count} entries, head {head_hash}.")
