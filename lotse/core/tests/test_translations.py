"""The German catalogue is complete: every translatable string of the code has a
German translation, and the compiled catalogue matches the source catalogue."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LOTSE = Path(__file__).resolve().parents[2]
PO = LOTSE / "locale" / "de" / "LC_MESSAGES" / "django.po"

needs_gettext = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("xgettext", "msgcmp", "msgattrib", "msgfmt")),
    reason="GNU gettext tools are not installed (apt-get install gettext)",
)


@needs_gettext
def test_it_translates_every_string_into_german(tmp_path):
    copy = tmp_path / "lotse"
    shutil.copytree(LOTSE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests", "*.mo"))
    shutil.rmtree(copy / "locale", ignore_errors=True)
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "de", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
    )
    fresh = copy / "locale" / "de" / "LC_MESSAGES" / "django.po"
    missing = subprocess.run(
        ["msgcmp", "--use-untranslated", str(PO), str(fresh)], capture_output=True, text=True
    )
    assert missing.returncode == 0, "Run `make messages` and translate:\n" + missing.stderr[-3000:]
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(PO)], capture_output=True, text=True
    ).stdout
    ids = [line for line in untranslated.splitlines() if line.startswith("msgid ")]
    assert ids[1:] == [], f"Untranslated strings in {PO}: {ids[1:20]}"
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", str(PO)], capture_output=True, text=True
    ).stdout
    assert "msgid " not in fuzzy, f"Fuzzy translations in {PO}: review them"


@needs_gettext
def test_it_ships_a_compiled_catalogue_matching_the_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), "Run `make messages`."
