"""Where a load run's CPU went: the server's workers, PostgreSQL, the load generator.

On two cores the load run is CPU-bound, so the question after a slow run is whose
CPU it was. Linux accounting from /proc: a process's own time plus the time of the
children it has reaped, so workers that gunicorn recycled and PostgreSQL backends
that ended during the run are counted too. Elsewhere the split is simply absent.
"""

from __future__ import annotations

import os
import resource
import time
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


def parse_steal(text: str) -> float:
    """CPU seconds the hypervisor gave to other guests while ours wanted to run (the
    eighth field of /proc/stat's first line; 0 where the kernel does not count it)."""
    values = [int(v) for v in text.splitlines()[0].split()[1:]]
    return values[7] / _clock_ticks() if len(values) > 7 else 0.0


def machine_speed(rounds: int = 3) -> float:
    """CPU milliseconds a fixed piece of Python work takes (the best of `rounds`).

    The same code asks for the same instructions, so when a run's CPU per request
    differs from another's, this says whether the machine itself was slower (a busy
    neighbour on a shared host, another clock) or the code did more work. Taken on a
    quiet machine before and after a run; the best of three drops a stray interrupt.
    """
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        _fixed_work()
        best = min(best, time.process_time() - started)
    return best * 1000


def _fixed_work() -> int:
    # Dictionaries, strings and integer arithmetic: what a request's Python does.
    table: dict[str, int] = {}
    for i in range(300_000):
        key = f"k{i % 5000}"
        table[key] = table.get(key, 0) + i * i % 7
    return sum(table.values())


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
    steal: float = 0.0

    @classmethod
    def take(cls) -> Snapshot | None:
        if not (PROC / "stat").exists():
            return None
        text = (PROC / "stat").read_text()
        return cls(postgres_seconds(), parse_machine_busy(text), parse_steal(text))


@dataclass
class CpuSplit:
    server: float
    database: float
    generator: float
    machine: float
    wall: float
    steal: float = 0.0

    def describe(self, requests: int) -> str:
        cores = os.cpu_count() or 1
        other = max(0.0, self.machine - self.server - self.database - self.generator)
        line = (
            f"CPU seconds during the run: server {self.server:.0f}, PostgreSQL "
            f"{self.database:.0f}, load generator {self.generator:.0f}, other processes "
            f"{other:.0f}; busy {self.machine:.0f} of {cores * self.wall:.0f} "
            f"({cores} cores x {self.wall:.0f} s), of which stolen by the hypervisor "
            f"{self.steal:.0f}."
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
        steal=after.steal - before.steal,
    )
