"""Small synthetic runs for the tests."""

import datetime

from lotse.synth.generate import SynthOptions, SynthResult, generate

TODAY = datetime.date(2026, 11, 1)


def small_run(persons: int = 50, seed: int = 3, **kwargs: object) -> SynthResult:
    options = SynthOptions(persons=persons, seed=seed, today=TODAY, chunk_size=20, **kwargs)  # type: ignore[arg-type]
    return generate(options, progress=lambda _message: None)
