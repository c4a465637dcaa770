from django.core.management.base import BaseCommand

from zicht.cases.index_feed import case_involvements_sync
from zicht.common.actors import SYSTEM_ACTOR


class Command(BaseCommand):
    help = "Register involvement for open cases of support organisations that are not registered yet (idempotent)."

    def handle(self, *args, **options) -> None:
        counts = case_involvements_sync(actor=SYSTEM_ACTOR)
        self.stdout.write(
            f"Registered {counts['registered']} case(s); {counts['already']} already registered; {counts['no_keys']} "
            f"without usable identifiers."
        )
