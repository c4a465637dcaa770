"""Recompute the statistics tallies from scratch, or (``--check``) report where they drifted.

The services keep the tallies with every write; this command is the full recount: it fills them
for existing data (the migration that introduced them runs it), repairs them after a direct
change to the database, and, with ``--check`` in the daily jobs, reports drift and fails.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.stats.summaries import SOURCES, summaries_drift, summaries_rebuild

SHOWN = 10


class Command(BaseCommand):
    help = "Recompute the statistics tallies from scratch; --check only reports where they differ (and fails)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Compare with a full recount; change nothing.")
        parser.add_argument("--source", action="append", choices=sorted(SOURCES), help="Only this source (repeatable).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        names = options["source"]
        if options["check"]:
            drift = summaries_drift(names)
            seconds = time.monotonic() - started
            if drift:
                lines = [
                    f"  {key}: stored {stored}, recounted {recounted}"
                    for key, (stored, recounted) in sorted(drift.items())[:SHOWN]
                ]
                raise CommandError(
                    f"Statistics tallies drifted at {len(drift)} keys ({seconds:.1f} s); "
                    "run rebuild_stats_summaries to repair:\n" + "\n".join(lines)
                )
            self.stdout.write(f"Statistics tallies equal a full recount ({seconds:.1f} s).")
            return
        keys = summaries_rebuild(names)
        if options["verbosity"]:
            self.stdout.write(f"Statistics tallies rebuilt: {keys} keys ({time.monotonic() - started:.1f} s).")
