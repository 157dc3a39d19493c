"""`lotse people link` per the contract in shared/interfaces/people.md."""

import csv
import datetime
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotse.audit.models import AuditEntry
from lotse.testing import factories as f

HEADER = "record_id,given_name,family_name,birth_date,sex,nationality,birth_place,source\n"
RECORDS = (
    HEADER + "a1,Mohammed,Al-Ahmadi,1990-05-07,m,SYR,Aleppo,Jobcenter\n"
    "a2,Ahmadi,Muhammad,1990-05-07,m,SYR,Aleppo,Caritas\n"
    "a3,Mohamed,Ahmadi,1990-07-05,m,,Aleppo,DRK\n"
    "b1,Olena,Shevchenko,1975-01-01,f,UKR,Kyiv,Jobcenter\n"
    "b2,Olena,Schewtschenko,1975-03-12,f,UKR,,Ausländerbehörde\n"
    "c1,Tesfaye,Ghebremariam,2001-11-30,m,ERI,Asmara,Schule\n"
)


def link(*args):
    call_command("people", "link", *[str(a) for a in args])


def read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_it_clusters_records_of_the_same_person(tmp_path):
    records = tmp_path / "records.csv"
    records.write_text(RECORDS, encoding="utf-8")
    out, review = tmp_path / "clusters.csv", tmp_path / "review.csv"
    link("--input", records, "--output", out, "--review", review)
    rows = read(out)
    assert list(rows[0]) == ["record_id", "cluster_id"]
    cluster = {r["record_id"]: r["cluster_id"] for r in rows}
    assert set(cluster) == {"a1", "a2", "a3", "b1", "b2", "c1"}
    assert cluster["a1"] == cluster["a2"] == cluster["a3"]  # swapped names, variant, day/month
    assert cluster["a1"] != cluster["b1"]
    assert cluster["c1"] not in {cluster[k] for k in ("a1", "b1")}
    assert read(review) == [] or list(read(review)[0]) == [
        "record_id_a",
        "record_id_b",
        "probability",
    ]
    assert review.read_text(encoding="utf-8").startswith("record_id_a,record_id_b,probability")


def test_it_needs_only_the_record_id_column(tmp_path):
    records = tmp_path / "records.csv"
    records.write_text("record_id,other\n1,x\n2,y\n", encoding="utf-8")
    out = tmp_path / "clusters.csv"
    link("--input", records, "--output", out)
    assert [r["record_id"] for r in read(out)] == ["1", "2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"given_name,family_name\nA,B\n", "line 1: no record_id column"),
        (b"record_id,given_name\n1,A\n2,B\n1,C\n", "line 4: duplicate record_id '1'"),
        (b"record_id,given_name\n1,A\n2,\xff\xfe\n", "line 3: bytes that are not UTF-8"),
    ],
)
def test_it_refuses_a_malformed_file_naming_the_line(tmp_path, content, message):
    records = tmp_path / "records.csv"
    records.write_bytes(content)
    out = tmp_path / "clusters.csv"
    with pytest.raises(CommandError, match=message) as raised:
        link("--input", records, "--output", out)
    assert raised.value.returncode == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [records]  # no partial or temporary file left


def test_it_leaves_an_existing_output_alone_when_refusing(tmp_path):
    records = tmp_path / "records.csv"
    records.write_bytes(b"record_id\n1\n1\n")
    out = tmp_path / "clusters.csv"
    out.write_text("before\n", encoding="utf-8")
    with pytest.raises(CommandError):
        link("--input", records, "--output", out)
    assert out.read_text(encoding="utf-8") == "before\n"


def test_it_exits_two_with_one_line_and_no_traceback(tmp_path):
    records = tmp_path / "records.csv"
    records.write_bytes(b"record_id,given_name\n1,A\n1,B\n")
    out = tmp_path / "clusters.csv"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "people",
            "link",
            "--input",
            str(records),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "line 3" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.fixture
def two_offices(caritas, drk, alice, carol):
    mine = f.person(
        caritas,
        alice,
        given_names="Mohammed",
        family_name="Al-Ahmadi",
        birth_date=datetime.date(1990, 5, 7),
    )
    theirs = f.person(
        drk,
        carol,
        given_names="Olena",
        family_name="Shevchenko",
        birth_date=datetime.date(1975, 3, 12),
    )
    return mine, theirs


def test_it_matches_against_the_database(tmp_path, two_offices):
    mine, theirs = two_offices
    records = tmp_path / "records.csv"
    records.write_text(RECORDS, encoding="utf-8")
    out = tmp_path / "matches.csv"
    link("--input", records, "--against-database", "--output", out)
    rows = read(out)
    assert list(rows[0]) == ["record_id", "person_id", "probability"]
    match = {r["record_id"]: r["person_id"] for r in rows}
    assert len(rows) == 6
    assert match["a1"] == match["a2"] == str(mine.pk)
    assert match["b2"] == str(theirs.pk)
    assert match["c1"] == ""
    assert AuditEntry.objects.filter(person_id=mine.pk).exists()


def test_it_never_matches_persons_the_user_may_not_see(tmp_path, two_offices):
    mine, theirs = two_offices
    records = tmp_path / "records.csv"
    records.write_text(RECORDS, encoding="utf-8")
    out = tmp_path / "matches.csv"
    link("--input", records, "--against-database", "--as", "carol", "--output", out)
    matched = {r["person_id"] for r in read(out)} - {""}
    assert str(mine.pk) not in matched
    assert matched == {str(theirs.pk)}


def test_it_refuses_an_unknown_user(tmp_path, two_offices):
    records = tmp_path / "records.csv"
    records.write_text(RECORDS, encoding="utf-8")
    out = tmp_path / "matches.csv"
    with pytest.raises(CommandError, match="no active user"):
        link("--input", records, "--against-database", "--as", "nobody", "--output", out)
    assert not out.exists()
