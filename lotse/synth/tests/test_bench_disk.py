import pytest

from lotse.synth.bench import disk

PRESSURE = (
    "some avg10=0.00 avg60=2.17 avg300=8.77 total=227924347\n"
    "full avg10=0.00 avg60=1.62 avg300=6.62 total=179517328\n"
)
MEMINFO = "MemTotal:       24683520 kB\nMemFree:        15650000 kB\nCached:          8355840 kB\n"


def test_it_reads_the_full_stall_in_seconds():
    assert disk.parse_full_stall(PRESSURE) == pytest.approx(179.517328)


def test_it_reads_the_page_cache_in_mib():
    assert disk.parse_cached_mib(MEMINFO) == pytest.approx(8160.0)


def test_a_snapshot_reads_proc_and_is_empty_where_proc_cannot_tell(tmp_path):
    (tmp_path / "pressure").mkdir()
    (tmp_path / "pressure" / "io").write_text(PRESSURE)
    (tmp_path / "meminfo").write_text(MEMINFO)
    assert disk.DiskSnapshot.take(tmp_path) == disk.DiskSnapshot(179.517328, 8160.0)
    assert disk.DiskSnapshot.take(tmp_path / "nowhere") == disk.DiskSnapshot(None, None)
    (tmp_path / "meminfo").write_text("MemTotal: 1 kB\n")
    assert disk.DiskSnapshot.take(tmp_path).cached_mib is None


def test_it_describes_the_waits_and_the_cache():
    line = disk.describe(
        disk.DiskSnapshot(100.0, 3000.0),
        disk.DiskSnapshot(140.4, 7000.0),
        disk.DatabaseMemory(7383.0, 128.0),
        601.0,
    )
    assert line == (
        "Disk: all working processes waited on I/O for 40 s of 601; page cache 3000 MiB "
        "before, 7000 MiB after; database 7383 MiB, PostgreSQL's shared buffers 128 MiB."
    )
    assert (
        disk.describe(disk.DiskSnapshot(None, None), disk.DiskSnapshot(None, None), None, 1) == ""
    )


def test_it_warns_when_the_database_cannot_be_in_memory():
    database = disk.DatabaseMemory(7383.0, 128.0)
    warning = disk.cache_warning(disk.DiskSnapshot(0, 3000.0), database)
    assert "(3000 MiB)" in warning and "(128 MiB)" in warning and "(7383 MiB)" in warning
    assert disk.cache_warning(disk.DiskSnapshot(0, 9000.0), database) == ""
    # PostgreSQL's own cache counts too.
    big_buffers = disk.DatabaseMemory(7383.0, 6144.0)
    assert disk.cache_warning(disk.DiskSnapshot(0, 3000.0), big_buffers) == ""
    assert disk.cache_warning(disk.DiskSnapshot(0, 3000.0), None) == ""  # not PostgreSQL


@pytest.mark.django_db
def test_the_database_size_and_buffers_are_read_on_postgresql_only():
    from django.db import connection

    memory = disk.database_memory(connection)
    if connection.vendor == "postgresql":
        assert memory is not None and memory.size_mib > 1 and memory.shared_buffers_mib >= 0.1
    else:
        assert memory is None
