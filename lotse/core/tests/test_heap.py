"""The WSGI application freezes its start-up heap, so full collections skip it."""

import gc
import os
import subprocess
import sys

from lotse.core.heap import compile_templates, load_catalogues, settle


def test_settle_loads_the_url_patterns_and_freezes_what_exists():
    gc.unfreeze()
    try:
        frozen = settle()
        assert frozen == gc.get_freeze_count() > 0
        # Objects made afterwards stay collectable: they are not in the frozen count.
        # (It may shrink: a frozen object that other threads let go of is freed.)
        garbage = [[i] for i in range(1000)]
        assert gc.get_freeze_count() <= frozen
        del garbage
    finally:
        gc.unfreeze()


def test_the_wsgi_module_settles_the_heap_on_import():
    code = (
        "import gc, sys; import lotse.wsgi; "
        "assert 'lotse.urls' in sys.modules; print(gc.get_freeze_count())"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lotse.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 10_000


def test_every_template_is_compiled_into_the_cached_loader():
    from django.template import engines

    names = compile_templates()
    assert {"base.html", "cases/detail.html", "people/search.html"} <= set(names)
    (cached,) = engines["django"].engine.template_loaders
    assert set(names) <= set(cached.get_template_cache)
    # Compiled templates, not the "does not exist" entries the cache also keeps.
    assert all(hasattr(cached.get_template_cache[name], "render") for name in names)


def test_without_a_cached_loader_nothing_is_compiled(settings):
    from django.template import engines

    backend = dict(settings.TEMPLATES[0])
    backend["APP_DIRS"] = False
    backend["OPTIONS"] = {
        **backend.get("OPTIONS", {}),
        "loaders": ["django.template.loaders.app_directories.Loader"],
    }
    settings.TEMPLATES = [backend]  # Django rebuilds the engines on the change and after
    assert not any(
        type(loader).__name__ == "Loader" and hasattr(loader, "get_template_cache")
        for loader in engines["django"].engine.template_loaders
    )
    assert compile_templates() == []


def test_the_catalogues_are_loaded_and_the_language_is_kept():
    from django.utils import translation
    from django.utils.translation import trans_real

    with translation.override("en"):
        trans_real._translations.pop("de", None)
        load_catalogues()
        assert "de" in trans_real._translations
        assert translation.get_language() == "en"
