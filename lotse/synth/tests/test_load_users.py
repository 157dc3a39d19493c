"""The load test's simulated staff do what they claim, as a browser would.

If a page changes so that a user's regular expressions no longer find the
ids, versions or phases, the load test would quietly skip its writes or send
refused ones; these tests fail instead.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lotse.accounts.choices import Role
from lotse.cases.choices import Phase
from lotse.cases.models import Case
from lotse.synth.bench.load import LOCUSTFILE, TemporaryPasswords
from lotse.testing import factories as f

DRIVER = Path(__file__).resolve().parent / "locust_drive.py"
# One login per role, as benchload picks them.
LOGINS = {
    "load.manager": Role.CASE_MANAGER,
    "load.office": Role.OFFICE_STAFF,
    "load.coordinator": Role.COORDINATOR,
}


@pytest.fixture
def _plain_http(settings):
    # The live server speaks plain HTTP; the benchmark's server runs without 2FA.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LOTSE_REQUIRE_2FA = False


def _drive(url: str, tmp_path: Path, logins: dict[str, str]) -> list[dict[str, str]]:
    with TemporaryPasswords(list(logins)) as password:
        plan = [{"username": name, "role": role} for name, role in logins.items()]
        users_file = tmp_path / "users.json"
        users_file.write_text(json.dumps({"password": password, "users": plan}))
        done = subprocess.run(
            [sys.executable, str(DRIVER), url, str(LOCUSTFILE)],
            env={**os.environ, "LOTSE_LOAD_USERS": str(users_file)},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_plain_http")
def test_each_role_does_its_tasks_and_the_writes_are_saved(
    live_server, tmp_path, caritas, jobcentre
):
    manager = f.staff(caritas, Role.CASE_MANAGER, username="load.manager")
    f.staff(jobcentre, Role.OFFICE_STAFF, username="load.office")
    f.staff(caritas, Role.COORDINATOR, username="load.coordinator")
    case = f.case(caritas, managers=(manager,), actor=manager)
    f.participant(case, jobcentre, actor=manager)
    f.consent(case, [jobcentre], actor=manager)
    before = Case.objects.get(pk=case.pk)

    requests = _drive(live_server.url, tmp_path, LOGINS)

    assert [r for r in requests if r["failure"]] == []
    names = [r["name"] for r in requests]
    assert not [name for name in names if name.endswith("(refused)")]
    for action in (
        "sign in form", "sign in", "case list", "case page", "change phase",
        "summary form", "edit summary", "search", "person page", "start page", "profile",
    ):  # fmt: skip
        assert action in names, (action, requests)
    # The manager's phase change posts on the case page just opened: one page, not two.
    manager_part = names[: names.index("change phase")]
    assert manager_part.count("case page") == 1
    after = Case.objects.get(pk=case.pk)
    assert after.phase != before.phase and after.phase != Phase.CLOSED
    assert after.summary.startswith("Load test note")
    assert after.version == before.version + 2
    # The office staff found the case it takes part in and opened it.
    office_part = names[names.index("sign in", names.index("edit summary")) :]
    assert "case page" in office_part


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_plain_http")
def test_a_refused_write_is_counted_apart(live_server, tmp_path, caritas, monkeypatch):
    manager = f.staff(caritas, Role.CASE_MANAGER, username="load.manager")
    f.staff(caritas, Role.OFFICE_STAFF, username="load.office")
    f.staff(caritas, Role.COORDINATOR, username="load.coordinator")
    f.case(caritas, managers=(manager,), actor=manager)
    # Every change is refused as if someone else had saved first.
    from lotse.core.errors import StaleObject

    def refuse(*_args, **_kwargs):
        raise StaleObject("changed meanwhile")

    monkeypatch.setattr("lotse.cases.views.changes.do_change_phase", refuse)
    monkeypatch.setattr("lotse.cases.views.changes.do_update_case", refuse)

    requests = _drive(live_server.url, tmp_path, LOGINS)

    names = [r["name"] for r in requests]
    assert [r for r in requests if r["failure"]] == []
    assert "change phase (refused)" in names and "change phase" not in names
    assert "edit summary (refused)" in names and "edit summary" not in names
