from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from zicht.audit.verification import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Verify the access log's MAC chain from the first entry, check it against the signed checkpoint "
        "outside the database and move that checkpoint forward (run it daily and after every restore)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-checkpoint", action="store_true", help="Check only; do not move the checkpoint.")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            report = audit_chain_verify(full=True, write_checkpoint=not options["no_checkpoint"])
            if not report.intact:
                raise CommandError(report.message)
            self.stdout.write(self.style.SUCCESS(report.message))
