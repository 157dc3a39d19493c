"""Keep the garbage collector's full passes off the request path.

A Django process holds some 150,000 long-lived objects after start-up (modules,
URL patterns, models, translations). CPython's full collection walks them all:
about every fiftieth start page at 1M persons paid a pause of ~100 ms for it
(docs/benchmarks.md, sixth session). `gc.freeze()` moves what exists after
start-up into a permanent generation the collector no longer walks; objects
created later are collected as before. With gunicorn's preload_app the master
freezes once and the workers fork from it, which also keeps those pages shared
between the workers (copy-on-write is not triggered by the collector's marks).
"""

import gc


def settle() -> int:
    """Load what every request needs, then freeze the heap; returns the objects frozen."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and view module)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
