from django.core.management.base import BaseCommand, CommandError

from zicht.accounts.constants import OrganizationKind
from zicht.accounts.models import Organization
from zicht.common.actors import SYSTEM_ACTOR
from zicht.sources.pseudonymise import read_key_file
from zicht.sources.services import source_list_build_from_cases


class Command(BaseCommand):
    help = (
        "Build the support organisation's own list for a year from its cases (trusted environment): "
        "decrypt in memory, deduplicate with Splink, key with the shared list key, keep no clear data."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organization", type=int, required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--key-file", required=True, help="file holding the shared list key")
        parser.add_argument("--name", default="")

    def handle(self, *args, **options) -> None:
        org = Organization.objects.filter(pk=options["organization"], kind=OrganizationKind.SUPPORT).first()
        if org is None:
            raise CommandError("no support organisation with that id")
        source_list = source_list_build_from_cases(
            organization=org,
            year=options["year"],
            list_key=read_key_file(options["key_file"]),
            actor=SYSTEM_ACTOR,
            name=options["name"],
        )
        self.stdout.write(
            f"List {source_list.pk}: {source_list.row_count} people from the {options['year']} cases of {org}."
        )
