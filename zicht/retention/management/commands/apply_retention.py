"""Run every retention job: anonymise closed cases (and release identities), purge old concerns,
purge expired involvement registrations."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zicht.audit.retention import RetentionResult
from zicht.retention.cases import cases_anonymise
from zicht.retention.concerns import concerns_purge
from zicht.retention.involvements import involvements_purge

# In this order: the case job blanks the texts of a case's concerns before the purge looks at them.
JOBS = (cases_anonymise, concerns_purge, involvements_purge)


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today needs a date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Apply the retention periods of cases, concerns and involvement registrations: anonymise or delete "
        "what is due, with one "
        "deletion-log row and one access-log entry per object. --dry-run only reports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report what would be done; change and log nothing.")
        parser.add_argument("--today", type=_day, default=None, help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today: datetime.date = options["today"] or timezone.localdate()
        dry_run: bool = options["dry_run"]
        run_id = uuid.uuid4()
        self.stdout.write(
            f"Retention run {run_id} for {today.isoformat()}{' (dry run: nothing is changed)' if dry_run else ''}"
        )
        for job in JOBS:
            self._report(job(today=today, dry_run=dry_run, run_id=run_id))

    def _report(self, result: RetentionResult) -> None:
        verb = f"would be {result.action}" if result.dry_run else result.action
        self.stdout.write(f"{result.job}: {result.count()} {verb}")
        for object_type, ids in sorted(result.done.items()):
            self.stdout.write(f"  {object_type} {verb} ({len(ids)}): {_ids(ids)}")
        for reason, ids in sorted(result.kept.items()):
            self.stdout.write(f"  kept, {reason} ({len(ids)}): {_ids(ids)}")


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids) or "-"
