"""Pieces of `lotse benchload`: logins for the simulated staff, the server, locust's figures."""

import base64
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db.models import Count, Q

from lotse.accounts.choices import Role
from lotse.accounts.models import User
from lotse.cases.choices import Phase

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
# Share of the simulated users per role, as in a district's working day.
MIX = {Role.CASE_MANAGER: 6, Role.OFFICE_STAFF: 3, Role.COORDINATOR: 1}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pick_logins(users: int) -> dict[str, list[str]]:
    """Real synthetic staff per role: case managers with the most open cases first."""
    total = sum(MIX.values())
    picked: dict[str, list[str]] = {}
    for role, share in MIX.items():
        wanted = max(1, round(users * share / total))
        staff = User.objects.filter(is_active=True, memberships__role=role).distinct()
        if role == Role.CASE_MANAGER:
            open_cases = Count("managed_cases", filter=~Q(managed_cases__phase=Phase.CLOSED))
            staff = staff.annotate(open_cases=open_cases).order_by("-open_cases", "pk")
        else:
            staff = staff.order_by("pk")
        picked[str(role)] = list(staff.values_list("username", flat=True)[:wanted])
    return picked


class TemporaryPasswords:
    """Gives the picked logins one random password; puts the old ones back afterwards."""

    def __init__(self, usernames: list[str]) -> None:
        self.password = secrets.token_urlsafe(18)
        self.saved = dict(User.objects.filter(username__in=usernames).values_list("pk", "password"))

    def __enter__(self) -> str:
        User.objects.filter(pk__in=self.saved).update(password=make_password(self.password))
        return self.password

    def __exit__(self, *exc: object) -> None:
        for pk, encoded in self.saved.items():
            User.objects.filter(pk=pk).update(password=encoded)


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()  # reaped, so no zombie and its CPU is accounted


def server_environment(port: int, workers: int) -> dict[str, str]:
    """Production settings for the benchmark's server: a throwaway secret and
    document key (the load run downloads no documents), no TLS, no second factor."""
    return {
        **os.environ,
        "LOTSE_DEV": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "LOTSE_DOCUMENT_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "LOTSE_REQUIRE_2FA": "false",
        "LOTSE_TLS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOTSE_BIND": f"127.0.0.1:{port}",
        "LOTSE_WORKERS": str(workers),
    }


def start_server(port: int, workers: int, log: Path) -> Server:
    env = server_environment(port, workers)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "lotse", "serve"], env=env, stdout=out, stderr=out
        )
    server = Server(f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"lotse serve exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{server.url}/health/ready", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"lotse serve did not become ready; see {log}")


def run_locust(
    url: str, users: int, seconds: int, users_file: Path, prefix: Path, spawn_rate: float
) -> int:
    env = {**os.environ, "LOTSE_LOAD_USERS": str(users_file)}
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--host", url, "-u", str(users), "-r", str(spawn_rate),
        "-t", f"{seconds}s", "--stop-timeout", "10", "--csv", str(prefix), "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    with Path(f"{prefix}.log").open("w") as log:
        done = subprocess.run(command, env=env, stdout=log, stderr=log, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.stderr.write(Path(f"{prefix}.log").read_text()[-5000:])
    return done.returncode


HEADER = ["action", "requests", "failures", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms"]


def figures(prefix: Path) -> list[list[str]]:
    rows = []
    with Path(f"{prefix}_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            rows.append(
                [
                    row["Name"],
                    row["Request Count"],
                    row["Failure Count"],
                    f"{float(row['Requests/s']):.2f}",
                    row["50%"],
                    row["95%"],
                    row["99%"],
                    f"{float(row['Max Response Time']):.0f}",
                ]
            )
    return rows
