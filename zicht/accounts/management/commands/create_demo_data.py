from __future__ import annotations

import importlib
import random
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from zicht.accounts.demo import USERS, create_organizations, create_users
from zicht.accounts.models import Organization
from zicht.audit.checkpoint import checkpoint_discard
from zicht.common.demo_context import DemoContext
from zicht.outbox.services import outbox_discard_pending


class Command(BaseCommand):
    help = "Load synthetic demo data (development only): organisations, one user per role, and each app's demo records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing (but show the credentials) when data exists."
        )
        parser.add_argument("--seed", type=int, default=2022, help="Seed of the synthetic data.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("create_demo_data only runs with DEBUG on: demo accounts must never reach production.")
        credentials_file = Path(settings.VAR_DIR) / "demo-credentials.txt"
        if Organization.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data already present.")
                if credentials_file.exists():
                    self.stdout.write(credentials_file.read_text())
                return
            raise CommandError("The database already holds organisations; use --if-empty or a fresh database.")
        # A fresh database starts a fresh access-log chain: an old demo's checkpoint does not apply.
        checkpoint_discard()
        # Demo data sends no e-mail (match notices would otherwise flood the console): what it
        # queued is dropped before the commit.
        with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            organizations = create_organizations()
            users, passwords = create_users(organizations)
            context = DemoContext(organizations, users, random.Random(options["seed"]), self.stdout.write)
            for config in apps.get_app_configs():
                if not config.name.startswith("zicht.") or config.label == "accounts":
                    continue
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                self.stdout.write(f"Demo data: {config.label} ...")
                module.populate(context)
            # Some demo records are written straight to their tables: recount the statistics tallies.
            call_command("rebuild_stats_summaries", verbosity=0)
            outbox_discard_pending()
        text = self._credentials_text(passwords)
        credentials_file.write_text(text)
        credentials_file.chmod(0o600)
        self.stdout.write(text)

    @staticmethod
    def _credentials_text(passwords: dict[str, str]) -> str:
        lines = ["", "Demo accounts (synthetic data only; two-factor authentication is waived for them):"]
        for username, first, last, _org, role in USERS.values():
            lines.append(f"  {role:<15} {username:<15} {passwords[username]}   ({first} {last})")
        lines.append("Open http://127.0.0.1:8000/ and log in with one of these.")
        return "\n".join(lines) + "\n"
