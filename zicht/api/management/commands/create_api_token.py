from django.core.management.base import BaseCommand, CommandError

from zicht.accounts.models import Organization
from zicht.api.framework import api_token_create


class Command(BaseCommand):
    help = "Create a partner API token for an organisation and print it once (only its hash is stored)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organization", type=int, required=True, help="Organisation id.")

    def handle(self, *args, organization: int, **options) -> None:
        org = Organization.objects.filter(pk=organization, is_active=True).first()
        if org is None:
            raise CommandError(f"no active organisation with id {organization}")
        token, clear = api_token_create(organization=org)
        self.stderr.write(f"Token {token.pk} for {org.name}. Store it now: it is not shown again.")
        self.stdout.write(clear)
