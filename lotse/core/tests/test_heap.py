"""The WSGI application freezes its start-up heap, so full collections skip it."""

import gc
import os
import subprocess
import sys

from lotse.core.heap import settle


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
