"""The one daily command: retention, deactivation of unused accounts, access-log verification,
work digests, the statistics-tally check, outbox flush and clean-up.

Each job runs even when an earlier one failed; the command reports what each did and exits
non-zero when any failed, so the scheduler (deploy/zicht-daily.timer) marks the run failed.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.counter_cache import purge_expired
from zicht.outbox.services import outbox_counts, outbox_flush, outbox_purge


@dataclass
class JobReport:
    name: str
    ok: bool
    output: str
    seconds: float


def _command(name: str, *args: str) -> Callable[[], str]:
    def run() -> str:
        out = io.StringIO()
        call_command(name, *args, stdout=out, stderr=out)
        return out.getvalue()

    return run


def _outbox() -> str:
    result = outbox_flush(limit=10_000)
    purged = outbox_purge(older_than_days=settings.ZICHT_OUTBOX_KEEP_SENT_DAYS)
    counts = outbox_counts()
    text = (
        f"Outbox: {result}; {purged} old sent messages deleted; "
        f"waiting {counts['pending']}, failed {counts['failed']}\n"
    )
    if counts["failed"]:
        # A message the worker gave up on is a notice nobody received: someone must look.
        raise CommandError(text + "Messages failed: check the mail server, then run send_outbox --retry-failed")
    return text


def _rate_counters() -> str:
    return f"Rate-limit counters: {purge_expired()} expired deleted\n"


class Command(BaseCommand):
    help = (
        "Run the daily jobs: apply_retention, deactivate_unused_accounts, verify_audit_log, send_work_digests, "
        "the statistics-tally check (rebuild_stats_summaries --check) and the outbox flush and clean-up. "
        "Reports what each did; exits non-zero if any failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Retention and deactivation only report; nothing else is skipped."
        )

    def jobs(self, *, dry_run: bool) -> list[tuple[str, Callable[[], str]]]:
        retention_args = ("--dry-run",) if dry_run else ()
        return [
            ("apply_retention", _command("apply_retention", *retention_args)),
            ("deactivate_unused_accounts", _command("deactivate_unused_accounts", *retention_args)),
            ("verify_audit_log", _command("verify_audit_log")),
            ("send_work_digests", _command("send_work_digests")),
            # The tallies kept with the writes against a full recount: drift fails the run.
            ("rebuild_stats_summaries", _command("rebuild_stats_summaries", "--check")),
            ("outbox", _outbox),
            ("rate_counters", _rate_counters),
        ]

    def handle(self, *args: Any, **options: Any) -> None:
        reports = []
        for name, job in self.jobs(dry_run=options["dry_run"]):
            started = time.monotonic()
            try:
                output, ok = job(), True
            except Exception as error:
                output, ok = f"{type(error).__name__}: {error}\n", False
            reports.append(JobReport(name, ok, output, time.monotonic() - started))
            self.stdout.write(f"== {name}: {'ok' if ok else 'FAILED'} ({reports[-1].seconds:.1f} s)")
            self.stdout.write(output.rstrip())
            self.stdout.flush()
        failed = [report.name for report in reports if not report.ok]
        if failed:
            raise CommandError(f"Daily jobs failed: {', '.join(failed)}")
        self.stdout.write(self.style.SUCCESS(f"Daily jobs done: {', '.join(report.name for report in reports)}"))
