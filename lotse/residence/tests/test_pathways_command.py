"""`lotse pathways evaluate` (pathways interface contract, "Command"): the result
document on standard output; bad input exits 2 with exactly one line on standard
error and no traceback."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[3]
FACTS = {
    "as_of": "2026-11-21",
    "person": {"living_with_minor_child": False},
    "status_periods": [{"kind": "duldung", "from": "2021-04-01", "to": None}],
}


@pytest.fixture
def facts_file(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(FACTS), encoding="utf-8")
    return path


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", "pathways", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def cli(capsys, monkeypatch, *args, stdin=None):
    """The command line path in this process (run_from_argv, as `lotse` runs it):
    exit status, standard output, standard error."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
    capsys.readouterr()
    try:
        execute_from_command_line(["lotse", "pathways", *args])
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_it_writes_the_result_document_for_a_file(facts_file):
    out = io.StringIO()
    call_command("pathways", "evaluate", "--input", str(facts_file), stdout=out)
    result = json.loads(out.getvalue())
    assert result["as_of"] == "2026-11-21"
    assert result["pathways"][0]["id"] == "aufenthg-104c"
    residence = result["pathways"][2]["criteria"][1]
    assert residence["reason"] == "5 Jahre 7 Monate von 6 Jahren"


def test_it_reads_standard_input_and_limits_pathways_and_date():
    out = io.StringIO()
    call_command(
        "pathways",
        "evaluate",
        "--input",
        "-",
        "--as-of",
        "2027-04-01",
        "--pathway",
        "aufenthg-25b",
        "stag-10",
        stdin=io.StringIO(json.dumps(FACTS)),
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["as_of"] == "2027-04-01"
    assert [p["id"] for p in result["pathways"]] == ["aufenthg-25b", "stag-10"]
    assert result["pathways"][0]["criteria"][1]["status"] == "met"


def test_bad_facts_are_a_command_error_with_status_2():
    bad = {"status_periods": [{"kind": "duldung", "from": "2020-02-01", "to": "2020-01-31"}]}
    with pytest.raises(CommandError) as raised:
        call_command("pathways", "evaluate", "--input", "-", stdin=io.StringIO(json.dumps(bad)))
    assert raised.value.returncode == 2
    assert "status_periods[0].to: 2020-01-31 is before from 2020-02-01" in str(raised.value)


def test_a_real_process_exits_0_with_json_and_2_with_one_line(facts_file):
    done = run("evaluate", "--input", str(facts_file), "--pathway", "aufenthg-25b")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pathways"][0]["earliest_date"] == "2027-04-01"
    assert done.stderr == ""
    bad = run("evaluate", "--input", "-", stdin="{oops")
    assert bad.returncode == 2
    assert len(bad.stderr.splitlines()) == 1
    assert bad.stdout == ""


BAD_FACTS = {
    "unknown field": {**FACTS, "nickname": "x"},
    "bad date": {**FACTS, "as_of": "2026-02-30"},
    "to before from": {
        "status_periods": [{"kind": "duldung", "from": "2020-02-01", "to": "2020-01-31"}]
    },
    "unknown status kind": {"status_periods": [{"kind": "visum", "from": "2020-02-01"}]},
    "overlapping periods": {
        "status_periods": [
            {"kind": "duldung", "from": "2020-01-01", "to": None},
            {"kind": "duldung", "from": "2021-01-01", "to": None},
        ]
    },
    "unknown benefit type": {**FACTS, "benefits": [{"type": "bafoeg", "from": "2020-01-01"}]},
}


@pytest.mark.parametrize(
    ("case", "args", "stdin", "message"),
    [
        *[(name, ["--input", "-"], json.dumps(doc), "") for name, doc in BAD_FACTS.items()],
        ("bad json", ["--input", "-"], "{oops", "invalid JSON at line 1 column 2"),
        ("not an object", ["--input", "-"], "[1, 2]", "document: expected an object"),
        ("missing file", ["--input", "/nonexistent/facts.json"], None, "cannot read"),
        ("bad --as-of", ["--input", "-", "--as-of", "21.11.2026"], "{}", "--as-of"),
        ("week date --as-of", ["--input", "-", "--as-of", "2026-W47-6"], "{}", "--as-of"),
        (
            "year out of range",
            ["--input", "-", "--as-of", "0001-01-01"],
            '{"status_periods": []}',
            "as_of",
        ),
        ("unknown --pathway", ["--input", "-", "--pathway", "aufenthg-25c"], "{}", "--pathway"),
        ("no --input", [], None, "--input"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, monkeypatch, case, args, stdin, message):
    status, out, err = cli(capsys, monkeypatch, "evaluate", *args, stdin=stdin)
    assert status == 2, case
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert message in lines[0]


def test_a_file_that_is_not_utf8_exits_2_with_one_line(capsys, monkeypatch, tmp_path):
    path = tmp_path / "facts.json"
    path.write_bytes(b"\xff\xfe{")
    status, out, err = cli(capsys, monkeypatch, "evaluate", "--input", str(path))
    assert (status, out) == (2, "")
    assert err.splitlines() == [f"CommandError: {path}: not UTF-8 text"]


def test_a_missing_or_unknown_subcommand_exits_2_with_one_line(capsys, monkeypatch):
    for args in ([], ["judge"]):
        status, _, err = cli(capsys, monkeypatch, *args)
        assert status == 2
        assert len(err.splitlines()) == 1, err
