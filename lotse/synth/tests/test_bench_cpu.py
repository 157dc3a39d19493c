"""The load run's CPU split: parsing /proc and adding up the right processes."""

import os
import sys

import pytest

from lotse.synth.bench import cpu

TICKS = cpu._clock_ticks()


def _stat(pid: int, name: str, utime: int, stime: int, cutime: int, cstime: int) -> str:
    before = ["S", "1", "1", "1", "0", "-1", "4194560", "100", "0", "0", "0"]
    after = ["20", "0", "1", "0", "100", "1000", "50"]
    fields = [*before, str(utime), str(stime), str(cutime), str(cstime), *after]
    return f"{pid} ({name}) " + " ".join(fields)


def test_it_reads_own_and_reaped_children_time_even_with_a_tricky_name():
    name, seconds = cpu.parse_stat(_stat(7, "post gres) (x", 100, 50, 30, 20))
    assert name == "post gres) (x"
    assert seconds == pytest.approx(200 / TICKS)


def test_machine_busy_time_leaves_out_idle_and_iowait():
    text = "cpu  100 10 50 9000 400 5 6 7 0 0\ncpu0 50 5 25 4500 200 2 3 3 0 0\n"
    assert cpu.parse_machine_busy(text) == pytest.approx((100 + 10 + 50 + 5 + 6 + 7) / TICKS)


def test_steal_is_the_eighth_field_and_absent_on_old_kernels():
    assert cpu.parse_steal("cpu  100 10 50 9000 400 5 6 7 0 0\n") == pytest.approx(7 / TICKS)
    assert cpu.parse_steal("cpu  100 10 50 9000 400 5 6\n") == 0.0


def test_machine_speed_is_the_best_of_its_rounds_in_cpu_milliseconds(monkeypatch):
    clock = iter([0.0, 0.030, 1.0, 1.020, 2.0, 2.025])
    monkeypatch.setattr(cpu.time, "process_time", lambda: next(clock))
    monkeypatch.setattr(cpu, "_fixed_work", lambda: 0)
    assert cpu.machine_speed(rounds=3) == pytest.approx(20.0)


def test_postgres_time_adds_up_postgres_processes_only(tmp_path):
    for pid, name, ticks in [(11, "postgres", 300), (12, "postgres", 200), (13, "python", 900)]:
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "stat").write_text(_stat(pid, name, ticks, 0, 0, 0))
    (tmp_path / "14").mkdir()  # a process that ended while we looked: no stat file
    (tmp_path / "self").mkdir()
    assert cpu.postgres_seconds(tmp_path) == pytest.approx(500 / TICKS)


def test_the_split_names_every_share_and_the_per_request_cost():
    before = cpu.Snapshot(database=10.0, machine=100.0, steal=1.0)
    after = cpu.Snapshot(30.0, 200.0, 4.0)
    used = cpu.split(before, after, server=50.0, generator=10.0, wall=60.0)
    assert used is not None
    text = used.describe(requests=1000)
    cores = os.cpu_count() or 1
    assert "server 50, PostgreSQL 20, load generator 10, other processes 20" in text
    assert f"busy 100 of {cores * 60} ({cores} cores x 60 s), of which stolen" in text
    assert "stolen by the hypervisor 3." in text
    assert "Per request: server 50.0 ms, PostgreSQL 20.0 ms, load generator 10.0 ms." in text


def test_no_split_without_proc_accounting():
    assert cpu.split(None, cpu.Snapshot(1.0, 1.0), server=1.0, generator=1.0, wall=1.0) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_children_time_grows_when_a_busy_child_is_reaped():
    import subprocess

    before = cpu.children_seconds()
    subprocess.run([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], check=True)
    assert cpu.children_seconds() > before
