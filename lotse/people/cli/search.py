"""`lotse people search "QUERY" [--birth-date YYYY[-MM[-DD]]] [--limit N] [--as USERNAME] [--json]`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from lotse.audit.log import record_reads
from lotse.core.categories import DataCategory
from lotse.names import parse_birth_date
from lotse.people.cli import InputError
from lotse.people.search import MIN_QUERY_LENGTH, is_too_short, search_people

HELP = "Find persons by any spelling of their names, best match first."
MAX_LIMIT = 1000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="Name in any spelling or script.")
    parser.add_argument("--birth-date", default=None, help="YYYY, YYYY-MM or YYYY-MM-DD.")
    parser.add_argument("--limit", type=int, default=10, help="Most results (default 10).")
    parser.add_argument(
        "--as",
        dest="as_user",
        default=None,
        metavar="USERNAME",
        help="Search with this user's visibility (default: the operator's).",
    )
    parser.add_argument("--json", action="store_true", help="Print a JSON array.")


def operator() -> Any:
    """The operator at the command line: every person's identity, no case content.

    Not a stored account: the audit trail records the reads without a user, as
    for every other command run by whoever operates the installation.
    """
    return get_user_model()(username="operator", is_superuser=True, is_active=True)


def acting_user(username: str | None) -> Any:
    if username is None:
        return operator()
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active:
        raise InputError(f"no active user {username!r}")
    return user


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    query = options["query"]
    if is_too_short(query):
        raise InputError(f"the query needs at least {MIN_QUERY_LENGTH} letters: {query!r}")
    limit = options["limit"]
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"--limit must be between 1 and {MAX_LIMIT}, not {limit}")
    birth_date = None
    if options["birth_date"] is not None:
        try:
            birth_date = parse_birth_date(options["birth_date"])
        except ValueError as exc:
            raise InputError(f"--birth-date: {exc}") from None
    user = acting_user(options["as_user"])
    matches = search_people(user, query, birth_date, limit=limit)
    # Names and dates of birth were shown: the persons' trails record who searched.
    record_reads(
        user if user.pk else None, [(m.person.pk, None, {DataCategory.IDENTITY}) for m in matches]
    )
    if options["json"]:
        payload = [
            {"person_id": m.person.pk, "score": m.score, "display_name": m.person.display_name}
            for m in matches
        ]
        command.stdout.write(json.dumps(payload, ensure_ascii=False))
        return
    for m in matches:
        command.stdout.write(
            f"{m.person.pk}\t{m.score:.3f}\t{m.person.display_name}\t"
            f"{m.person.birth_date_display()}"
        )
