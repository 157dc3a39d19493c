import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from lotse.people.models import Person
from lotse.synth.bench import cpu, disk
from lotse.synth.bench.load import (
    HEADER,
    TemporaryPasswords,
    figures,
    free_port,
    pick_logins,
    run_locust,
    start_server,
)
from lotse.synth.bench.stats import table
from lotse.synth.generate import SynthOptions, generate


class Command(BaseCommand):
    help = (
        "Load test: `lotse serve` on this database, locust users signing in as synthetic "
        "case managers, office staff and coordinators; throughput and p50/p95/p99 per action. "
        "It writes (summaries, phases, audit entries): run it on a benchmark database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, default=50, help="Simulated users at once.")
        parser.add_argument("--minutes", type=float, default=10, help="Duration of the run.")
        parser.add_argument(
            "--persons", type=int, default=0, help="First synthesise up to this many persons."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--workers", type=int, default=0, help="Server processes (default: LOTSE_WORKERS)."
        )
        parser.add_argument(
            "--spawn-rate",
            type=float,
            default=1.0,
            help=(
                "Staff starting (signing in) per second (default 1: fifty staff within a "
                "minute). Each sign-in checks a password hash made slow on purpose."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["spawn_rate"] <= 0:
            raise CommandError("--spawn-rate must be more than 0 staff a second.")
        if connection.vendor != "postgresql":
            self.stderr.write("Warning: not PostgreSQL; figures will not describe production.")
        missing = options["persons"] - Person.objects.count()
        if missing > 0:
            generate(
                SynthOptions(persons=missing, seed=options["seed"]),
                progress=lambda m: sys.stderr.write(m + "\n"),
            )
        logins = pick_logins(options["users"])
        if not all(logins.values()):
            raise CommandError(f"Not every role has staff to sign in as: {logins}. Run synth.")
        usernames = [name for names in logins.values() for name in names]
        workers = options["workers"] or int(os.environ.get("LOTSE_WORKERS", "0") or 0)
        workers = workers or 2 * (os.cpu_count() or 1) + 1
        seconds = max(10, int(options["minutes"] * 60))
        load_before, speed_before = os.getloadavg(), cpu.machine_speed()
        size = disk.database_memory(connection)
        warning = disk.cache_warning(disk.DiskSnapshot.take(), size)
        if warning:
            self.stderr.write(warning)
        with tempfile.TemporaryDirectory() as tmp, TemporaryPasswords(usernames) as password:
            users_file = Path(tmp) / "users.json"
            plan = [{"username": u, "role": r} for r, names in logins.items() for u in names]
            users_file.write_text(json.dumps({"password": password, "users": plan}))
            connection.close()  # the server's workers must not share this connection
            server = start_server(free_port(), workers, Path(tmp) / "server.log")
            try:
                before, children, started = (
                    cpu.Snapshot.take(),
                    cpu.children_seconds(),
                    time.monotonic(),
                )
                disk_before = disk.DiskSnapshot.take()
                status = run_locust(
                    server.url,
                    options["users"],
                    seconds,
                    users_file,
                    Path(tmp) / "locust",
                    options["spawn_rate"],
                )
                wall, after = time.monotonic() - started, cpu.Snapshot.take()
                disk_after = disk.DiskSnapshot.take()
                # locust has ended and been reaped: its CPU is ours now.
                generator = cpu.children_seconds() - children
                rows = figures(Path(tmp) / "locust")
            finally:
                children = cpu.children_seconds()
                server.stop()
            # Reaping the server adds its workers' CPU (start-up included).
            used = cpu.split(
                before,
                after,
                server=cpu.children_seconds() - children,
                generator=generator,
                wall=wall,
            )
        self.stdout.write(
            f"{Person.objects.count()} persons, {options['users']} users "
            f"({', '.join(f'{len(v)} {k}' for k, v in logins.items())} logins), "
            f"starting {options['spawn_rate']:g} a second, {seconds} s, "
            f"{workers} server workers, {connection.vendor}. "
            f"Load average before/after: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f}. "
            f"Machine speed (CPU ms of a fixed Python workload, lower is faster) "
            f"before/after: {speed_before:.0f} / {cpu.machine_speed():.0f}."
        )
        self.stdout.write(table([HEADER, *rows]))
        if used is not None:
            total = sum(int(row[1]) for row in rows if row[0] == "Aggregated")
            self.stdout.write(used.describe(total))
        waits = disk.describe(disk_before, disk_after, size, wall)
        if waits:
            self.stdout.write(waits)
        if status != 0:
            raise CommandError(f"locust exited with {status}: some requests failed (see above).")
