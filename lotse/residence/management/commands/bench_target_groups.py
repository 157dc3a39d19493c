import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils import timezone

from lotse.access.models import AccessGrant
from lotse.accounts.models import Membership, User
from lotse.residence.group_cache import _key, _store, current_stamp, lookup
from lotse.residence.groups import GROUPS, _candidates, candidate_count, target_group
from lotse.residence.models import TargetGroupResult

# Organisations and members per organisation tried for the user who sees most candidates.
ORGANISATIONS = 3
MEMBERS = 6


class Command(BaseCommand):
    help = (
        "Measure target groups on the current database for the user who sees most "
        "candidates (or --user): the candidates before and after the SQL narrowing, the "
        "computation (what the background job does) and the stored list's read (what the "
        "page does after it). --full also times the evaluation of every candidate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--group", action="append", choices=list(GROUPS))
        parser.add_argument("--user", help="username (default: the one seeing most candidates)")
        parser.add_argument(
            "--full", action="store_true", help="also evaluate every candidate, unnarrowed"
        )

    def _unnarrowed(self, user: Any, today: Any) -> int:
        return _candidates(
            user, "25b_now", today, organisation_id=None, manager_id=None, narrow=False
        ).count()

    def _busiest(self, today: Any) -> tuple[User, int]:
        """Among members of the organisations with most persons granted, the user whose
        visible current Duldungen and § 104c permits (the unnarrowed candidates) are most."""
        organisations = list(
            AccessGrant.objects.values("organisation_id")
            .annotate(n=Count("person_id", distinct=True))
            .order_by("-n")
            .values_list("organisation_id", flat=True)[:ORGANISATIONS]
        )
        if not organisations:
            raise CommandError("No visible persons: run `lotse synth --persons N` first.")
        best: tuple[User, int] | None = None
        for organisation_id in organisations:
            members = (
                Membership.objects.filter(organisation_id=organisation_id, user__is_active=True)
                .select_related("user")
                .order_by("role", "id")[:MEMBERS]
            )
            for membership in members:
                count = self._unnarrowed(membership.user, today)
                if best is None or count > best[1]:
                    best = (membership.user, count)
        if best is None:
            raise CommandError("Those organisations have no members.")
        return best

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        started = time.perf_counter()
        if options["user"]:
            user = User.objects.get(username=options["user"])
            seen = self._unnarrowed(user, today)
        else:
            user, seen = self._busiest(today)
        self.stdout.write(
            f"user {user.username}: {seen} current Duldungen and § 104c permits visible "
            f"(chosen in {time.perf_counter() - started:.1f} s)"
        )
        for group in options["group"] or list(GROUPS):
            started = time.perf_counter()
            count = candidate_count(user, group, today=today)
            counted = time.perf_counter() - started
            started = time.perf_counter()
            rows = target_group(user, group, today=today)
            computed = time.perf_counter() - started
            full = ""
            if options["full"] and group != "104c_ending":
                started = time.perf_counter()
                reference = target_group(user, group, today=today, narrow=False)
                full = f", every candidate evaluated in {time.perf_counter() - started:.2f} s"
                if [(r.person_id, r.due) for r in reference] != [
                    (r.person_id, r.due) for r in rows
                ]:
                    raise CommandError(f"{group}: the narrowed list differs from the full one")
            # Stored as the background job stores it, then read as the page reads it.
            TargetGroupResult.objects.create(
                user=user,
                key=_key(group, today, None, None),
                stamp=current_stamp(),
                status="done",
                total=count,
                done=count,
                rows=_store(rows),
            )
            started = time.perf_counter()
            found = lookup(user, group, today=today)
            read = time.perf_counter() - started
            assert found.rows is not None and len(found.rows) == len(rows)
            self.stdout.write(
                f"{group}: {count} evaluated after narrowing ({counted:.2f} s), "
                f"{len(rows)} in the group, computed in {computed:.2f} s{full}, "
                f"stored list read in {read:.2f} s"
            )
