from django.core.management.base import BaseCommand

from zicht.matching.services import involvement_purge


class Command(BaseCommand):
    help = "Remove expired and withdrawn involvement registrations (logged by id and count, no content)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--dry-run", action="store_true", help="Only report what would be removed.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:  # noqa: ANN002, ANN003
        ids = involvement_purge(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {len(ids)} registration(s): {ids}")
