"""Send the queued e-mail (the outbox worker)."""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from zicht.outbox.services import outbox_counts, outbox_flush, outbox_retry_failed


class Command(BaseCommand):
    help = (
        "Send the e-mail waiting in the outbox: each due message once, failures retried later with "
        "backoff. --loop keeps running (the background worker); without it one round is sent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running, a round every --sleep seconds.")
        parser.add_argument("--sleep", type=float, default=5.0, help="Seconds between rounds with --loop (default 5).")
        parser.add_argument("--limit", type=int, default=100, help="Messages per round at most (default 100).")
        parser.add_argument("--retry-failed", action="store_true", help="First queue the given-up messages again.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["retry_failed"]:
            self.stdout.write(f"Queued again: {outbox_retry_failed()}")
        if not options["loop"]:
            self.stdout.write(f"Outbox: {outbox_flush(limit=options['limit'])}")
            self.stdout.write("Waiting: {pending}, failed: {failed}".format(**outbox_counts()))
            return
        self._stop = False

        def stop(signum: int, frame: FrameType | None) -> None:
            self._stop = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("Outbox worker started")
        while not self._stop:
            close_old_connections()  # a database restart must not kill the worker
            busy = False
            try:
                result = outbox_flush(limit=options["limit"])
            except Exception as error:
                self.stderr.write(f"Outbox round failed: {type(error).__name__}")
            else:
                busy = result.sent >= options["limit"]  # more may be waiting: no pause
                if result.sent or result.retried or result.failed:
                    self.stdout.write(f"Outbox: {result}")
                    self.stdout.flush()
            slept = 0.0
            while not busy and not self._stop and slept < options["sleep"]:
                time.sleep(min(0.5, options["sleep"]))
                slept += 0.5
        self.stdout.write("Outbox worker stopped")
