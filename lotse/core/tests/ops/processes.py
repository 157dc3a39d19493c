"""Starting real `lotse` processes from tests, pointed at the test database."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[4]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def lotse(
    args: list[str], env: dict[str, str], stdout=subprocess.PIPE, **kwargs
) -> subprocess.Popen:
    """A `lotse` process. A long-running one that logs a lot should get a file as `stdout`:
    nobody reads a pipe until the end, and a full pipe blocks the process."""
    full_env = {**os.environ, "LOTSE_LOG_LEVEL": "INFO", **env}
    return subprocess.Popen(
        [sys.executable, str(PROJECT_DIR / "manage.py"), *args],
        cwd=PROJECT_DIR,
        env=full_env,
        stdout=stdout,
        stderr=subprocess.STDOUT,
        text=True,
        # Its own session: a signal meant for the test run never reaches it by accident.
        start_new_session=True,
        **kwargs,
    )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
