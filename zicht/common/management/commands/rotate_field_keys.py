from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.common.key_rotation import RotationCount, rotate_field_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the newest key of ZICHT_FIELD_KEYS (the first). Resumable: rows "
        "already under the newest key are skipped, so stop and rerun at will. When it reports 0 failed and 0 left, "
        "the older keys can be removed from ZICHT_FIELD_KEYS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")
        parser.add_argument(
            "--max-rows", type=int, default=None, help="stop after this many rows (a maintenance window)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="count the rows still under an older key; change nothing"
        )

    def _progress(self, count: RotationCount) -> None:
        self.stdout.write(
            f"{count.label}: {count.done + count.failed}/{count.total} rows "
            f"(re-encrypted {count.rotated}, already current {count.current}, failed {count.failed})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        counts = rotate_field_keys(
            batch_size=options["batch_size"],
            max_rows=options["max_rows"],
            dry_run=options["dry_run"],
            progress=self._progress,
        )
        rotated = sum(c.rotated for c in counts)
        current = sum(c.current for c in counts)
        failed = sum(c.failed for c in counts)
        remaining = sum(c.total for c in counts) - rotated - current - failed
        verb = "still under an older key" if options["dry_run"] else "re-encrypted"
        self.stdout.write(
            f"Done: {rotated} rows {verb}, {current} already current, {failed} failed, {remaining} not reached."
        )
        for count in counts:
            if count.failed_ids:
                self.stderr.write(f"{count.label}: cannot decrypt rows with id {', '.join(count.failed_ids[:50])}")
        if failed:
            raise CommandError(f"{failed} rows could not be decrypted with any configured key; keep the old keys.")
        if not options["dry_run"] and remaining == 0:
            self.stdout.write(
                self.style.SUCCESS("Every encrypted field is under the newest key: the older keys can be removed.")
            )
