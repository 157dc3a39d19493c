"""`lotse people search` per the contract in shared/interfaces/people.md."""

import datetime
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotse.audit.models import AuditEntry
from lotse.testing import factories as f


def search(*args):
    from io import StringIO

    out = StringIO()
    call_command("people", "search", *args, stdout=out)
    return out.getvalue()


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
        given_names="Muhammad",
        family_name="Ahmadi",
        birth_date=datetime.date(1985, 1, 1),
    )
    return mine, theirs


def test_it_prints_json_best_first(two_offices):
    mine, theirs = two_offices
    rows = json.loads(search("Ahmadi Muhammad", "--json"))
    assert {r["person_id"] for r in rows} == {mine.pk, theirs.pk}
    assert set(rows[0]) == {"person_id", "score", "display_name"}
    assert rows[0]["score"] >= rows[1]["score"]
    assert {r["display_name"] for r in rows} == {"Al-Ahmadi, Mohammed", "Ahmadi, Muhammad"}


def test_it_filters_and_ranks_by_the_date_of_birth(two_offices):
    mine, _theirs = two_offices
    rows = json.loads(search("Mohamed Ahmadi", "--birth-date", "1990-05", "--json"))
    assert [r["person_id"] for r in rows] == [mine.pk]


def test_it_sees_as_the_user_named(two_offices, carol):
    _mine, theirs = two_offices
    rows = json.loads(search("Mohammed Ahmadi", "--as", "carol", "--json"))
    assert [r["person_id"] for r in rows] == [theirs.pk]


def test_it_limits_the_results(two_offices):
    assert len(json.loads(search("Ahmadi", "--limit", "1", "--json"))) == 1


def test_it_prints_one_line_per_person_without_json(two_offices):
    mine, _ = two_offices
    lines = search("Mohammed Al-Ahmadi").splitlines()
    assert lines[0].startswith(f"{mine.pk}\t1.000\tAl-Ahmadi, Mohammed\t07.05.1990")


def test_it_records_the_reads_in_the_persons_trails(two_offices, carol):
    _mine, theirs = two_offices
    before = AuditEntry.objects.filter(action="read").count()
    search("Mohammed Ahmadi", "--as", "carol")
    reads = AuditEntry.objects.filter(action="read").order_by("-id")
    assert reads.count() == before + 1
    assert reads[0].person_id == theirs.pk


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a"], "at least 2 letters"),
        (["--", "-."], "at least 2 letters"),
        (["Haddad", "--birth-date", "17.05.1990"], "--birth-date"),
        (["Haddad", "--birth-date", "1990-02-30"], "no such date"),
        (["Haddad", "--limit", "0"], "--limit"),
        (["Haddad", "--as", "nobody"], "no active user 'nobody'"),
    ],
)
def test_it_refuses_bad_input_with_status_two(db, args, message):
    with pytest.raises(CommandError) as error:
        search(*args)
    assert message in str(error.value)
    assert error.value.returncode == 2


def test_it_exits_two_with_one_line_from_the_command_line(db):
    # A bad --limit is refused by the argument parser before Django runs anything.
    result = subprocess.run(
        [sys.executable, "manage.py", "people", "search", "Haddad", "--limit", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--limit" in result.stderr
