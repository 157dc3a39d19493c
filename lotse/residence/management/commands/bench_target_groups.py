import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils import timezone

from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.cases.models import Case
from lotse.residence.group_cache import _key, _store, current_stamp, lookup
from lotse.residence.groups import GROUPS, candidate_count, target_group
from lotse.residence.models import TargetGroupResult


class Command(BaseCommand):
    help = (
        "Measure target groups on the current database for the case manager of the "
        "organisation with most cases: the candidates, the full computation (what the "
        "background job does) and the stored list's read (what the page does after it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--group", action="append", choices=list(GROUPS))

    def handle(self, *args: Any, **options: Any) -> None:
        biggest = (
            Case.objects.values("organisation_id").annotate(n=Count("id")).order_by("-n").first()
        )
        if biggest is None:
            raise CommandError("No cases: run `lotse synth --persons N` first.")
        membership = (
            Membership.objects.filter(
                organisation_id=biggest["organisation_id"], role=Role.CASE_MANAGER
            )
            .select_related("user")
            .first()
        )
        if membership is None:
            raise CommandError("The organisation has no case manager.")
        user = membership.user
        today = timezone.localdate()
        self.stdout.write(f"user {user.username}, organisation cases {biggest['n']}")
        for group in options["group"] or list(GROUPS):
            started = time.perf_counter()
            count = candidate_count(user, group, today=today)
            counted = time.perf_counter() - started
            started = time.perf_counter()
            rows = target_group(user, group, today=today)
            computed = time.perf_counter() - started
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
                f"{group}: {count} candidates ({counted:.2f} s), {len(rows)} in the group, "
                f"computed in {computed:.2f} s, stored list read in {read:.2f} s"
            )
