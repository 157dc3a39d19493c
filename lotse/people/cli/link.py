"""`lotse people link --input RECORDS.csv --output OUT.csv [--review REVIEW.csv]`
and `... --against-database [--as USERNAME]`, per shared/interfaces/people.md.

Within a file the records are clustered by lotse.linkage (Splink on DuckDB,
in memory, no server). Against the database every record is looked up with
the person search, so only persons the caller may see can ever match.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from lotse.audit.log import record_reads
from lotse.core.categories import DataCategory
from lotse.linkage.records import MalformedFile, read_records, write_csv_atomically
from lotse.names import parse_birth_date
from lotse.people.cli import InputError
from lotse.people.cli.search import acting_user

HELP = "Link person records: who in a file is the same person, or who is already in Lotse."
# A stored person counts as the record's match from this search score up.
DATABASE_MATCH_SCORE = 0.85
PROGRESS_AFTER = 3.0  # seconds: quiet for small files, a sign of life for big ones


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, type=Path, metavar="RECORDS.csv")
    parser.add_argument("--output", required=True, type=Path, metavar="OUT.csv")
    parser.add_argument("--review", type=Path, default=None, metavar="REVIEW.csv")
    parser.add_argument(
        "--against-database",
        action="store_true",
        help="Match every record against the stored persons the caller may see.",
    )
    parser.add_argument(
        "--as",
        dest="as_user",
        default=None,
        metavar="USERNAME",
        help="With --against-database: this user's visibility (default: the operator's).",
    )


class Progress:
    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, message: str) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed >= PROGRESS_AFTER:
            sys.stderr.write(f"link: {message} ({elapsed:.0f} s)\n")
            sys.stderr.flush()


def _check_writable(path: Path | None) -> None:
    if path is not None and not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise InputError(f"no directory for {path}")


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    if options["against_database"] and options["review"] is not None:
        raise InputError("--review is for linking within a file, not --against-database")
    if options["as_user"] is not None and not options["against_database"]:
        raise InputError("--as only applies with --against-database")
    _check_writable(options["output"])
    _check_writable(options["review"])
    progress = Progress()
    try:
        records = read_records(options["input"])
    except MalformedFile as exc:
        raise InputError(f"{options['input']}: {exc}") from None
    if options["against_database"]:
        _against_database(records, options, progress)
    else:
        _within_file(records, options, progress)


def _within_file(
    records: list[dict[str, str]], options: dict[str, Any], progress: Progress
) -> None:
    from lotse.linkage.engine import link_records

    progress(f"linking {len(records)} records")
    result = link_records(records)
    progress(f"{result.candidate_pairs} candidate pairs compared, writing clusters")
    write_csv_atomically(
        options["output"],
        ("record_id", "cluster_id"),
        ((r["record_id"], result.clusters[r["record_id"]]) for r in records),
    )
    if options["review"] is not None:
        write_csv_atomically(
            options["review"],
            ("record_id_a", "record_id_b", "probability"),
            ((a, b, f"{p:.4f}") for a, b, p in result.review),
        )


def _birth_date(text: str) -> Any:
    try:
        return parse_birth_date(text) if text else None
    except ValueError:
        return None  # an unreadable date is no evidence, not a reason to stop


def _against_database(
    records: list[dict[str, str]], options: dict[str, Any], progress: Progress
) -> None:
    from lotse.people.search import likely_matches

    user = acting_user(options["as_user"])
    rows: list[tuple[str, object, str]] = []
    shown: dict[int, None] = {}
    for i, record in enumerate(records):
        given, family = record.get("given_name", ""), record.get("family_name", "")
        matches = []
        if (given + family).strip():
            matches = likely_matches(
                user, given, family, _birth_date(record.get("birth_date", "")), 1
            )
        best = matches[0] if matches and matches[0].score >= DATABASE_MATCH_SCORE else None
        if best is None:
            rows.append((record["record_id"], "", ""))
        else:
            rows.append((record["record_id"], best.person.pk, f"{best.score:.4f}"))
            shown[best.person.pk] = None
        if i % 1000 == 999:
            progress(f"{i + 1} of {len(records)} records looked up")
    # Who is in Lotse was disclosed: the persons' trails record the lookup.
    record_reads(user if user.pk else None, [(pk, None, {DataCategory.IDENTITY}) for pk in shown])
    write_csv_atomically(options["output"], ("record_id", "person_id", "probability"), rows)
