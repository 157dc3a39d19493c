from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lotse.namekeys import dictionary
from lotse.namekeys.models import NameVariant
from lotse.names import normalised


class Command(BaseCommand):
    help = (
        "The administrators' name variants, merged with the curated dictionary: "
        "`list`, `add VARIANT CANONICAL`, `remove VARIANT`. Stored keys change only "
        "with `lotse rebuild_name_keys`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("list", help="Print every variant and its canonical name.")
        add = sub.add_parser("add", help="Declare VARIANT a spelling of CANONICAL.")
        add.add_argument("variant")
        add.add_argument("canonical")
        remove = sub.add_parser("remove", help="Forget VARIANT.")
        remove.add_argument("variant")

    def handle(self, *args: Any, **options: Any) -> None:
        command = options["subcommand"]
        if command == "list":
            for variant, canonical in NameVariant.objects.values_list("variant", "canonical"):
                self.stdout.write(f"{variant}\t{canonical}")
            return
        variant = options["variant"].strip()
        if not normalised(variant):
            raise CommandError(f"not a name: {variant!r}", returncode=2)
        if command == "remove":
            deleted, _ = NameVariant.objects.filter(variant=variant).delete()
            if not deleted:
                raise CommandError(f"no variant {variant!r}", returncode=2)
            self.stdout.write(f"Removed {variant}. Run `lotse rebuild_name_keys` to apply.")
            return
        canonical = options["canonical"].strip()
        if not normalised(canonical):
            raise CommandError(f"not a name: {canonical!r}", returncode=2)
        with transaction.atomic():
            NameVariant.objects.update_or_create(variant=variant, defaults={"canonical": canonical})
        dictionary.forget()
        key = dictionary.current().canonical(normalised(variant))
        self.stdout.write(
            f"{variant} is now a spelling of {canonical} (key {key}). "
            "Run `lotse rebuild_name_keys` to apply it to stored names."
        )
