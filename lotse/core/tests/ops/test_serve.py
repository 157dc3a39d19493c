"""`lotse serve` starts gunicorn, answers the health checks and stops cleanly on SIGTERM."""

import json
import signal
import urllib.request

import pytest

from lotse.core.tests.ops.processes import free_port, lotse, wait_for

pytestmark = pytest.mark.slow

PRODUCTION = {
    "LOTSE_DEV": "false",
    "SECRET_KEY": "serve-test-only-" + "x" * 40,
    "LOTSE_DOCUMENT_KEY": "c2VydmUtdGVzdC1vbmx5LWtleS0wMTIzNDU2Nzg5YWI=",
    "LOTSE_TLS": "false",
    "LOTSE_WORKERS": "1",
    "ALLOWED_HOSTS": "127.0.0.1",
}


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, dict(response.headers), response.read()
    except OSError:
        return 0, {}, b""


def test_it_serves_the_readiness_check_and_stops_on_sigterm(tmp_path):
    port = free_port()
    # Its own data folder: the check needs a database, any empty one will do.
    env = {
        **PRODUCTION,
        "LOTSE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "LOTSE_BIND": f"127.0.0.1:{port}",
    }
    server = lotse(["serve"], env)
    try:
        wait_for(lambda: _get(f"http://127.0.0.1:{port}/health/ready")[0] == 200, 60, "ready")
        _status, headers, body = _get(f"http://127.0.0.1:{port}/health/ready")
        assert json.loads(body) == {"status": "ok"}
        assert headers["Server"] == "gunicorn"
        assert "X-Request-ID" in headers
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, output
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert any(line.get("route") == "health/ready" and line["status"] == 200 for line in lines)
    assert any("Shutting down" in line["message"] for line in lines)


def test_it_refuses_development_settings_without_dev(tmp_path):
    env = {
        **PRODUCTION,
        "LOTSE_DEV": "true",
        "LOTSE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "LOTSE_BIND": f"127.0.0.1:{free_port()}",
    }
    server = lotse(["serve"], env)
    output, _ = server.communicate(timeout=30)
    assert server.returncode == 1
    assert "LOTSE_DEV is true: refusing" in output
