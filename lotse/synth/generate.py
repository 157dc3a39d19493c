"""Filling the database with one synthetic district: offices, staff, people, cases.

Same seed, same district name, same day and same starting database give the
same data. Persons are drawn in chunks of a fixed size, each from its own
random generator, so memory stays flat for a million persons; a background
thread COPYs one chunk while the next is drawn. The whole load is one
transaction (see `RowWriter.bulk_load`): it lands completely or not at all.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from lotse.accounts.models import User
from lotse.audit.log import record
from lotse.audit.models import AuditAction
from lotse.cases.models import ensure_default_life_areas
from lotse.namekeys import dictionary as name_dictionary
from lotse.residence.group_cache import bump_stamp
from lotse.synth import tables
from lotse.synth.casework import Ids
from lotse.synth.contacts import write_contacts
from lotse.synth.district import DistrictPlan, make_district
from lotse.synth.intake import write_intake
from lotse.synth.organisations import District, consent_text, write_organisations, write_staff
from lotse.synth.plans import add_plans
from lotse.synth.population import PopulationContext, PopulationDrawer
from lotse.synth.services import write_services
from lotse.synth.staffing import StaffSpec, make_staff
from lotse.synth.writer import RowWriter

DEFAULT_DISTRICT = "Musterkreis"
CHUNK_SIZE = 10_000


@dataclass
class SynthOptions:
    persons: int
    seed: int = 1
    district: str = DEFAULT_DISTRICT
    today: datetime.date | None = None
    chunk_size: int = CHUNK_SIZE
    # Turns the staffing plan into the staff written (the demo renames a few).
    adjust_staff: Callable[[list[StaffSpec]], list[StaffSpec]] | None = None
    password: str | None = None


@dataclass
class SynthResult:
    plan: DistrictPlan
    district: District
    staff: list[StaffSpec]
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


# Services in the directory of a generated district (`bench_directory` adds more).
DIRECTORY_SERVICES = 200


def _rng(seed: int, part: str) -> random.Random:
    # String seeds are hashed (SHA-512) by random.Random: stable across runs and platforms.
    return random.Random(f"lotse-synth:{seed}:{part}")  # noqa: S311 (synthetic, not secret)


def generate(options: SynthOptions, progress: Callable[[str], object] = print) -> SynthResult:
    started = time.monotonic()
    today = options.today or timezone.localdate()
    district_rng = _rng(options.seed, f"district:{options.district}")
    plan = make_district(district_rng, options.district)
    with transaction.atomic():
        org_ids = write_organisations(plan)
        taken = set(User.objects.values_list("username", flat=True))
        staff = make_staff(district_rng, plan, options.persons, taken)
        if options.adjust_staff is not None:
            staff = options.adjust_staff(staff)
        district = write_staff(staff, org_ids, options.password)
        text = consent_text()
    progress(f"district {plan.name}: {len(plan.organisations)} organisations, {len(staff)} staff")

    writer = RowWriter()
    first = writer.next_ids(tables.ID_TABLES)
    ids = Ids(
        person=first[tables.PERSON],
        household=first[tables.HOUSEHOLD],
        case=first[tables.CASE],
        consent=first[tables.CONSENT],
    )
    context = PopulationContext(
        today=today,
        plan=plan,
        org_ids=org_ids,
        managers={o.key: district.staff_of(o.key, "case_manager") for o in plan.case_owners},
        text_id=text.pk,
        variants=name_dictionary.current(),
    )
    drawer = PopulationDrawer(context, ids)
    done = 0
    # Status periods were written: stored target-group lists go stale.
    with writer.bulk_load(before_commit=bump_stamp):
        for index, start in enumerate(range(0, options.persons, options.chunk_size)):
            size = min(options.chunk_size, options.persons - start)
            rows = drawer.chunk(_rng(options.seed, f"chunk:{index}"), size)
            writer.write_chunk(rows)
            done += size
            elapsed = time.monotonic() - started
            rate = done / elapsed if elapsed else 0.0
            eta = (options.persons - done) / rate if rate else 0.0
            progress(
                f"persons {done}/{options.persons} ({100 * done / options.persons:.0f} %), "
                f"{elapsed:.0f} s elapsed, about {eta:.0f} s to go"
            )
        progress("building indexes and checking keys")
        writer.reset_sequences()
    progress("updating planner statistics (ANALYZE)")
    writer.analyze()
    ensure_default_life_areas()  # intake, plans: a flushed database has no catalogue
    writer.rows_written.update(
        write_intake(
            seed=options.seed, first_case_id=first[tables.CASE], today=today, progress=progress
        )
    )
    writer.rows_written.update(add_plans(_rng(options.seed, "plans"), today, progress))
    writer.rows_written.update(write_contacts(options.seed, today, progress))
    # The service directory (lotse.directory): a district's worth, whatever the population.
    writer.rows_written["directory_service"] = write_services(
        DIRECTORY_SERVICES, seed=options.seed, today=today, progress=progress
    )
    # Referrals (lotse.referrals) along the releases the load wrote.
    from lotse.referrals.synth import add_referrals

    writer.rows_written.update(add_referrals(options.seed, today, progress))
    seconds = time.monotonic() - started
    record(
        None,
        AuditAction.CREATE,
        object_type="synth.dataset",
        object_id=f"seed-{options.seed}",
        changes={
            "event": "synthetic data generated",
            "seed": options.seed,
            "district": plan.name,
            "persons": options.persons,
            "staff": len(staff),
            "rows": dict(sorted(writer.rows_written.items())),
        },
    )
    return SynthResult(
        plan=plan, district=district, staff=staff, rows=writer.rows_written, seconds=seconds
    )
