"""Subcommands of `lotse people`, one module each: `search` here, `link` for batch linkage.

A subcommand module provides `add_arguments(parser)` and `run(command, options)`;
`SUBCOMMANDS` names them. Input errors raise `InputError`: one line, exit status 2.
"""

from django.core.management.base import CommandError

SUBCOMMANDS: dict[str, str] = {
    "search": "lotse.people.cli.search",
    "link": "lotse.people.cli.link",
}


class InputError(CommandError):
    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)
