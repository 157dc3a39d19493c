"""Wall and CPU time per stage of a linkage run, for the benchmark's stage table."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Stages(dict[str, tuple[float, float]]):
    """stage name -> (wall seconds, CPU seconds of this process, DuckDB's threads included)."""

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        wall, cpu = time.monotonic(), time.process_time()
        try:
            yield
        finally:
            before = self.get(name, (0.0, 0.0))
            self[name] = (
                before[0] + time.monotonic() - wall,
                before[1] + time.process_time() - cpu,
            )

    def line(self) -> str:
        return ", ".join(
            f"{name} {wall:.1f} s (CPU {cpu:.1f})" for name, (wall, cpu) in self.items()
        )
