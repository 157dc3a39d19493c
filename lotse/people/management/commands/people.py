"""`lotse people <subcommand>`: the contracts of shared/interfaces/people.md.

Each subcommand lives in its own module (lotse.people.cli.SUBCOMMANDS), so
batch linkage plugs in as `link` without touching search.
"""

import sys
from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.people.cli import SUBCOMMANDS


class OneLineParser(CommandParser):
    """Bad arguments: one line on standard error and exit status 2, never the usage text."""

    def error(self, message: str) -> Any:
        if self.called_from_command_line:
            sys.stderr.write(f"{self.prog}: error: {message}\n")
            sys.exit(2)
        return super().error(message)


class Command(BaseCommand):
    help = "Finding and linking people: `lotse people search` (and `link` where installed)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OneLineParser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=OneLineParser)
        for name, module_name in SUBCOMMANDS.items():
            module = import_module(module_name)
            module.add_arguments(sub.add_parser(name, help=module.HELP))

    def handle(self, *args: Any, **options: Any) -> None:
        import_module(SUBCOMMANDS[options["subcommand"]]).run(self, options)
