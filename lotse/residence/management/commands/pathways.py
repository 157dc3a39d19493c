"""`lotse pathways evaluate`: the pathway engine on a facts document (see the
pathways interface contract). Bad input exits with status 2 and one line on
standard error, never a traceback."""

import argparse
import datetime
import json
import re
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.pathways import PATHWAY_IDS, FactsError, evaluate

BAD_INPUT = 2


class OneLineParser(CommandParser):
    """argparse prints the usage block before an error; the contract wants one line."""

    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            sys.stderr.write(f"{self.prog}: error: {message}\n")
            sys.exit(BAD_INPUT)
        raise CommandError(f"Error: {message}", returncode=BAD_INPUT)


def _day(text: str) -> datetime.date:
    try:
        # fromisoformat alone would also take 20261121 and week dates.
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


class Command(BaseCommand):
    help = "Residence-law pathways. `lotse pathways evaluate --input FACTS.json` evaluates a facts document."
    requires_system_checks: list[str] = []
    # Tests hand in standard input through call_command(stdin=...).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        # Switch the parser (and so its subparsers) to one-line errors.
        parser.__class__ = OneLineParser
        sub = parser.add_subparsers(dest="subcommand", required=True)
        evaluate_parser = sub.add_parser("evaluate", help="Evaluate one facts document (JSON).")
        evaluate_parser.add_argument(
            "--input", required=True, help="Facts document (JSON); '-' reads standard input."
        )
        evaluate_parser.add_argument(
            "--as-of", type=_day, default=None, help="Evaluation date YYYY-MM-DD."
        )
        evaluate_parser.add_argument(
            "--pathway",
            action="extend",
            nargs="+",
            choices=PATHWAY_IDS,
            default=None,
            help="Only these pathways (default: all).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "evaluate":
            self.evaluate(options)

    def _read(self, name: str, options: dict[str, Any]) -> str:
        if name == "-":
            stream = options.get("stdin") or sys.stdin
            try:
                return str(stream.read())
            except UnicodeDecodeError:
                raise CommandError("standard input: not UTF-8 text", returncode=BAD_INPUT) from None
        try:
            with open(name, encoding="utf-8") as handle:
                return handle.read()
        except OSError as error:
            raise CommandError(
                f"{name}: cannot read: {error.strerror or error}", returncode=BAD_INPUT
            ) from None
        except UnicodeDecodeError:
            raise CommandError(f"{name}: not UTF-8 text", returncode=BAD_INPUT) from None

    def evaluate(self, options: dict[str, Any]) -> None:
        name = options["input"]
        text = self._read(name, options)
        label = "standard input" if name == "-" else name
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{label}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}",
                returncode=BAD_INPUT,
            ) from None
        except (ValueError, RecursionError):
            raise CommandError(f"{label}: invalid JSON", returncode=BAD_INPUT) from None
        try:
            result = evaluate(document, as_of=options["as_of"], pathways=options["pathway"])
        except FactsError as error:
            raise CommandError(f"{label}: {error.message}", returncode=BAD_INPUT) from None
        # "§" and umlauts as they are where the terminal takes UTF-8, escaped otherwise
        # (an encoding error would end in a traceback).
        encoding = str(getattr(self.stdout._out, "encoding", None) or "").lower()
        readable = encoding.replace("-", "").replace("_", "") == "utf8"
        self.stdout.write(json.dumps(result, ensure_ascii=not readable, indent=2))
