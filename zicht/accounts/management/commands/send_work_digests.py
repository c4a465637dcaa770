"""Queue the daily work digest for users who asked for one (part of run_daily_jobs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from zicht.accounts.digest import work_digests_queue


class Command(BaseCommand):
    help = "Queue today's content-free e-mail with the counts of waiting work for users who asked for it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, help="The day to send for (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["today"] or timezone.localdate()
        self.stdout.write(f"Work digests for {day.isoformat()}: {work_digests_queue(day=day)}")
