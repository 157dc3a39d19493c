"""The variant dictionary in force: the curated file plus the administrators' entries.

Read once per process and again after a change here or, from other
processes, at most `REFRESH_SECONDS` later.
"""

from __future__ import annotations

import threading
import time

from lotse.names import VariantDictionary, curated, with_extra

REFRESH_SECONDS = 60.0
_lock = threading.Lock()
_state: dict[str, object] = {"dictionary": None, "loaded": 0.0}


def current() -> VariantDictionary:
    with _lock:
        loaded = float(_state["loaded"])  # type: ignore[arg-type]
        dictionary = _state["dictionary"]
        if (
            isinstance(dictionary, VariantDictionary)
            and time.monotonic() - loaded < REFRESH_SECONDS
        ):
            return dictionary
    dictionary = load()
    with _lock:
        _state["dictionary"] = dictionary
        _state["loaded"] = time.monotonic()
    return dictionary


def load() -> VariantDictionary:
    from lotse.namekeys.models import NameVariant

    extra = list(NameVariant.objects.values_list("variant", "canonical"))
    return with_extra(extra) if extra else curated()


def forget() -> None:
    with _lock:
        _state["dictionary"] = None
