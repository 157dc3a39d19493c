"""Whether a load run waited on the disk: I/O stalls and the page cache.

A database that does not fit in the operating system's page cache (or that a
virtual machine's host has taken the cache from) is read from disk during the
run; then every request can stall on I/O, and the tails say nothing about the
code. Linux's pressure stall information (/proc/pressure/io, "full": the time
in which every non-idle task waited on I/O at once) and the cache's size from
/proc/meminfo show it. Elsewhere the figures are simply absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROC = Path("/proc")


def parse_full_stall(text: str) -> float:
    """Seconds of the "full" line's total (microseconds) in a /proc/pressure file."""
    for line in text.splitlines():
        if line.startswith("full "):
            fields = dict(part.split("=", 1) for part in line.split()[1:])
            return int(fields["total"]) / 1_000_000
    raise ValueError("no 'full' line in the pressure file")


def parse_cached_mib(text: str) -> float:
    """The page cache ("Cached:", in kB) from /proc/meminfo, in MiB."""
    for line in text.splitlines():
        if line.startswith("Cached:"):
            return int(line.split()[1]) / 1024
    raise ValueError("no 'Cached:' line in meminfo")


@dataclass(frozen=True)
class DiskSnapshot:
    stalled: float | None  # seconds, since boot
    cached_mib: float | None

    @classmethod
    def take(cls, proc: Path = PROC) -> DiskSnapshot:
        return cls(
            _read(proc / "pressure" / "io", parse_full_stall),
            _read(proc / "meminfo", parse_cached_mib),
        )


def _read(path: Path, parse: Callable[[str], float]) -> float | None:
    try:
        return parse(path.read_text())
    except (OSError, ValueError, KeyError):
        return None


@dataclass(frozen=True)
class DatabaseMemory:
    size_mib: float  # tables, indexes, TOAST
    shared_buffers_mib: float  # PostgreSQL's own cache, which the host cannot take


def database_memory(connection: Any) -> DatabaseMemory | None:
    """The database's size and PostgreSQL's shared buffers; None off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_database_size(current_database()), setting::bigint "
            "* current_setting('block_size')::bigint FROM pg_settings "
            "WHERE name = 'shared_buffers'"
        )
        size, buffers = cursor.fetchone()
    return DatabaseMemory(int(size) / 2**20, int(buffers) / 2**20)


def describe(
    before: DiskSnapshot, after: DiskSnapshot, database: DatabaseMemory | None, wall: float
) -> str:
    """One line for the run's report; parts the machine cannot tell are left out."""
    parts = []
    if before.stalled is not None and after.stalled is not None:
        parts.append(
            f"all working processes waited on I/O for {after.stalled - before.stalled:.0f} s "
            f"of {wall:.0f}"
        )
    if before.cached_mib is not None and after.cached_mib is not None:
        parts.append(
            f"page cache {before.cached_mib:.0f} MiB before, {after.cached_mib:.0f} MiB after"
        )
    if database is not None:
        parts.append(
            f"database {database.size_mib:.0f} MiB, PostgreSQL's shared buffers "
            f"{database.shared_buffers_mib:.0f} MiB"
        )
    return f"Disk: {'; '.join(parts)}." if parts else ""


def cache_warning(snapshot: DiskSnapshot, database: DatabaseMemory | None) -> str:
    """A warning when the database cannot all be in memory at the start."""
    if snapshot.cached_mib is None or database is None:
        return ""
    memory = snapshot.cached_mib + database.shared_buffers_mib
    if memory >= database.size_mib:
        return ""
    return (
        f"Warning: the page cache ({snapshot.cached_mib:.0f} MiB) and PostgreSQL's shared "
        f"buffers ({database.shared_buffers_mib:.0f} MiB) hold less than the database "
        f"({database.size_mib:.0f} MiB): pages will be read from disk during the run, and "
        f"the tails will show the disk, not the code (docs/operations.md, Sizing)."
    )
