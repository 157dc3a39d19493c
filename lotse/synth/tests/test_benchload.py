import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from lotse.accounts.choices import Role
from lotse.accounts.models import User
from lotse.synth.bench.load import TemporaryPasswords, figures, pick_logins, server_environment
from lotse.testing import factories as f

STATS = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
    "GET,case list,21,0,760,1500,100,8387.2,5000,0.3567,0,760,900,1000,1100,2000,7400,8000,"
    "8400,8400,8400,8400\n"
)


def test_it_reads_throughput_and_percentiles_per_action(tmp_path):
    (tmp_path / "run_stats.csv").write_text(STATS)
    assert figures(tmp_path / "run") == [
        ["case list", "21", "0", "0.36", "760", "7400", "8400", "8387"]
    ]


def test_it_picks_logins_per_role_busiest_case_manager_first(caritas, jobcentre, alice, bob):
    busy = f.staff(caritas, Role.CASE_MANAGER, username="busy")
    f.case(caritas, managers=(busy,), actor=busy)
    f.staff(caritas, Role.COORDINATOR, username="cody")
    logins = pick_logins(users=3)
    assert logins[Role.CASE_MANAGER][0] == "busy"
    assert logins[Role.OFFICE_STAFF] == ["bob"]
    assert logins[Role.COORDINATOR] == ["cody"]


def test_it_puts_the_old_passwords_back(alice):
    before = User.objects.get(pk=alice.pk).password
    with TemporaryPasswords(["alice"]) as password:
        assert User.objects.get(pk=alice.pk).check_password(password)
    assert User.objects.get(pk=alice.pk).password == before


def test_the_server_environment_passes_the_production_settings_checks():
    # The benchmark's server runs with production settings: everything they
    # require (a document key since the encrypted store) must be in its environment.
    done = subprocess.run(
        [sys.executable, "-m", "lotse", "check"],
        env=server_environment(8123, 2),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.django_db
@pytest.mark.parametrize("rate", ["0", "-1"])
def test_it_refuses_a_spawn_rate_that_starts_nobody(rate):
    with pytest.raises(CommandError, match="--spawn-rate must be more than 0"):
        call_command("benchload", "--spawn-rate", rate)
