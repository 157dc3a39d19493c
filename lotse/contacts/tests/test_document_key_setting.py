"""Outside development the document key must be set, valid, and not the development key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _settings_with(tmp_path, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("LOTSE_", "DATABASE_URL"))
    }
    environment.update(
        {
            "LOTSE_DEV": "false",
            "SECRET_KEY": "x" * 60,
            "LOTSE_DATA_DIR": str(tmp_path),
            "PYTHONPATH": str(ROOT),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", "import lotse.settings"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "LOTSE_DOCUMENT_KEY must be set outside development."),
        ("not-a-key", "LOTSE_DOCUMENT_KEY must be Fernet keys"),
        (
            "bG90c2UtZGV2LWRvY3VtZW50LWtleS0wMTIzNDU2Nzg=",
            "must not be the development key",
        ),
    ],
)
def test_it_refuses_to_start_without_a_proper_key(tmp_path, key, message):
    env = {"LOTSE_DOCUMENT_KEY": key} if key else {}
    result = _settings_with(tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_it_starts_with_a_real_key(tmp_path):
    from cryptography.fernet import Fernet

    result = _settings_with(tmp_path, LOTSE_DOCUMENT_KEY=Fernet.generate_key().decode())
    assert result.returncode == 0, result.stderr
