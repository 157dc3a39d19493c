"""Keep the garbage collector's full passes and first-use work off the request path.

A Django process holds some 150,000 long-lived objects after start-up (modules,
URL patterns, models, translations). CPython's full collection walks them all:
about every fiftieth start page at 1M persons paid a pause of ~100 ms for it
(docs/benchmarks.md, sixth session). `gc.freeze()` moves what exists after
start-up into a permanent generation the collector no longer walks; objects
created later are collected as before. With gunicorn's preload_app the master
freezes once and the workers fork from it, which also keeps those pages shared
between the workers (copy-on-write is not triggered by the collector's marks).

What the master loads before it freezes, every worker has from its first
request: besides the URL patterns, the compiled templates and the translation
catalogues. A fresh worker otherwise compiled them on its first pages (the
start page 130 instead of 43 ms of CPU, the first search 118 instead of 31), and
gunicorn starts fresh workers at every start, reload and recycling.
"""

import gc
from pathlib import Path


def settle() -> int:
    """Load what every request needs, then freeze the heap; returns the objects frozen."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and view module)
    compile_templates()
    load_catalogues()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def compile_templates() -> list[str]:
    """Every template of the Django engines' cached loaders, compiled into their cache.

    Without a cached loader (development: templates are read anew on each
    use) there is nothing to keep, and nothing is compiled. Returns the names.
    """
    from django.template import engines
    from django.template.backends.django import DjangoTemplates
    from django.template.loaders.cached import Loader as CachedLoader

    compiled: list[str] = []
    for backend in engines.all():
        if not isinstance(backend, DjangoTemplates):
            continue
        engine = backend.engine
        for loader in engine.template_loaders:
            if not isinstance(loader, CachedLoader):
                continue
            for name in _template_names(loader):
                engine.get_template(name)  # a broken template stops the start, loudly
                compiled.append(name)
    return compiled


def _template_names(cached: object) -> list[str]:
    names: set[str] = set()
    for loader in getattr(cached, "loaders", []):
        for directory in loader.get_dirs():
            root = Path(directory)
            if root.is_dir():
                names |= {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    return sorted(names)


def load_catalogues() -> None:
    """Each configured language's translation catalogue, read once."""
    from django.conf import settings
    from django.utils import translation

    current = translation.get_language()
    try:
        for code, _name in settings.LANGUAGES:
            translation.activate(code)  # reads the language's catalogues
    finally:
        translation.activate(current) if current else translation.deactivate()
