from django.core.management.base import BaseCommand, CommandError

from zicht.api.framework import api_token_revoke
from zicht.api.models import ApiToken


class Command(BaseCommand):
    help = "Revoke a partner API token by its id (calls with it get 401 from then on)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--token-id", type=int, required=True)

    def handle(self, *args, token_id: int, **options) -> None:
        token = ApiToken.objects.filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"no API token with id {token_id}")
        api_token_revoke(token=token)
        self.stdout.write(f"Token {token.pk} of {token.organization} revoked at {token.revoked_at:%Y-%m-%d %H:%M}.")
