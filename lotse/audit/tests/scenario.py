"""A small audit trail across three organisations, for the DPO view and export tests.

Caritas owns Amina's case (alice), the job centre takes part under a consent
(bob reads), DRK owns Yusuf (carol). Alice also reads Yusuf once, as a
Caritas member: Caritas' DPO (dora) must see that, but not Yusuf's name.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.db.models import Q
from django.utils import timezone

import lotse.audit.log
from lotse.accounts.models import Membership
from lotse.audit.log import record_read
from lotse.audit.models import AuditEntry
from lotse.cases.actions import do_update_case
from lotse.people.actions import do_update_person
from lotse.testing import factories as f

DAY_ONE = datetime.date(2026, 3, 2)
DAY_TWO = datetime.date(2026, 3, 9)


@dataclass
class Trail:
    amina: Any
    yusuf: Any
    case: Any
    # Entries by name, for expected sets in the tests.
    bob_reads_amina: AuditEntry
    alice_renames_amina: AuditEntry
    alice_writes_summary: AuditEntry
    alice_reads_yusuf: AuditEntry
    carol_reads_yusuf: AuditEntry

    def in_scope(self) -> set[int]:
        """Every entry dora may see: all about Amina, all by Caritas staff."""
        caritas = self.case.organisation_id
        staff = Membership.objects.filter(organisation_id=caritas).values("user_id")
        return set(
            AuditEntry.objects.filter(
                Q(person_id=self.amina.pk) | Q(actor_id__in=staff) | Q(organisation_id=caritas)
            ).values_list("id", flat=True)
        )


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build_trail(
    monkeypatch: Any, caritas: Any, jobcentre: Any, drk: Any, alice: Any, bob: Any, carol: Any
) -> Trail:
    clock = SimpleNamespace(now=lambda: at(DAY_ONE))
    monkeypatch.setattr(lotse.audit.log, "timezone", clock)
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity",), actor=alice)
    amina = case.person
    yusuf = f.person(drk, carol, given_names="Yusuf", family_name="Karimi", sex="m")
    bob_reads = record_read(bob, person_id=amina.pk, categories=["identity"])
    carol_reads = record_read(carol, person_id=yusuf.pk, categories=["identity", "contact"])
    alice_reads_yusuf = record_read(alice, person_id=yusuf.pk, categories=["identity"])
    clock.now = lambda: at(DAY_TWO)
    do_update_person(alice, amina, family_name="Hadad")
    renamed = AuditEntry.objects.order_by("-id").first()
    do_update_case(alice, case, summary="Schulden bei der Stadtkasse")
    summary = AuditEntry.objects.order_by("-id").first()
    monkeypatch.undo()
    assert renamed is not None and summary is not None
    return Trail(amina, yusuf, case, bob_reads, renamed, summary, alice_reads_yusuf, carol_reads)
