from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from zicht.accounts.services import users_deactivate_unused


class Command(BaseCommand):
    help = (
        "Deactivate accounts without a login in ZICHT_DEACTIVATE_AFTER_DAYS days (default 90): their sessions "
        "end and each deactivation is written to the access log. --dry-run only lists them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List the accounts; change nothing.")
        parser.add_argument("--days", type=int, help="Override ZICHT_DEACTIVATE_AFTER_DAYS for this run.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] or settings.ZICHT_DEACTIVATE_AFTER_DAYS
        dry_run = options["dry_run"]
        users = users_deactivate_unused(days=days, dry_run=dry_run)
        verb = "would be deactivated (dry run: nothing is changed)" if dry_run else "deactivated"
        self.stdout.write(f"Accounts unused for {days} days: {len(users)} {verb}")
        for user in users:
            last = user.last_login.date().isoformat() if user.last_login else "never"
            self.stdout.write(f"  {user.get_username()} (last login: {last})")
