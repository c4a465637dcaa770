from django.core.management.base import BaseCommand

from zicht.matching.services import SYSTEM_ACTOR, involvement_sync_cases


class Command(BaseCommand):
    help = "Register involvement for open cases of support organisations that are not registered yet (idempotent)."

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        counts = involvement_sync_cases(actor=SYSTEM_ACTOR)
        self.stdout.write(f"Registered {counts['registered']} case(s); {counts['already']} already registered; {counts['no_keys']} without usable identifiers.")
