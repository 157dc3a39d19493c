"""Where a load run's CPU went: the server's workers, PostgreSQL, the load generator.

On two cores the load run is CPU-bound, so the question after a slow run is whose
CPU it was. Linux accounting from /proc: a process's own time plus the time of the
children it has reaped, so workers that gunicorn recycled and PostgreSQL backends
that ended during the run are counted too. Elsewhere the split is simply absent.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


def _clock_ticks() -> int:
    try:
        return os.sysconf("SC_CLK_TCK")
    except (ValueError, OSError, AttributeError):
        return 100


def parse_stat(text: str) -> tuple[str, float]:
    """(command name, CPU seconds of the process and its reaped children) from
    /proc/<pid>/stat. The name is in parentheses and may itself hold spaces and
    parentheses, so the fields are counted from the last ')'."""
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    # After the name: state(0) ... utime(11) stime(12) cutime(13) cstime(14).
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
    return name, ticks / _clock_ticks()


def parse_machine_busy(text: str) -> float:
    """CPU seconds all cores spent working, from the first line of /proc/stat."""
    values = [int(v) for v in text.splitlines()[0].split()[1:]]
    # user nice system idle iowait irq softirq steal: idle and iowait are not work.
    busy = sum(values[:3]) + sum(values[5:8])
    return busy / _clock_ticks()


def postgres_seconds(proc: Path = PROC) -> float:
    """CPU of every PostgreSQL process on this machine (the postmaster's reaped
    backends included). Machine-wide: other databases' work counts too."""
    total = 0.0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name, seconds = parse_stat((entry / "stat").read_text())
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        if name == "postgres" or name.startswith("postgres:"):
            total += seconds
    return total


def children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Snapshot:
    database: float
    machine: float

    @classmethod
    def take(cls) -> Snapshot | None:
        if not (PROC / "stat").exists():
            return None
        return cls(postgres_seconds(), parse_machine_busy((PROC / "stat").read_text()))


@dataclass
class CpuSplit:
    server: float
    database: float
    generator: float
    machine: float
    wall: float

    def describe(self, requests: int) -> str:
        cores = os.cpu_count() or 1
        other = max(0.0, self.machine - self.server - self.database - self.generator)
        line = (
            f"CPU seconds during the run: server {self.server:.0f}, PostgreSQL "
            f"{self.database:.0f}, load generator {self.generator:.0f}, other processes "
            f"{other:.0f}; busy {self.machine:.0f} of {cores * self.wall:.0f} "
            f"({cores} cores x {self.wall:.0f} s)."
        )
        if requests:
            per = 1000 / requests
            line += (
                f" Per request: server {self.server * per:.1f} ms, PostgreSQL "
                f"{self.database * per:.1f} ms, load generator {self.generator * per:.1f} ms."
            )
        return line


def split(
    before: Snapshot | None,
    after: Snapshot | None,
    *,
    server: float,
    generator: float,
    wall: float,
) -> CpuSplit | None:
    if before is None or after is None:
        return None
    return CpuSplit(
        server=server,
        database=after.database - before.database,
        generator=generator,
        machine=after.machine - before.machine,
        wall=wall,
    )
