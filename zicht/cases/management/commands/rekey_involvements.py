from django.core.management.base import BaseCommand

from zicht.cases.index_feed import case_involvements_rekey


class Command(BaseCommand):
    help = (
        "After rotating ZICHT_PSEUDONYM_KEY: re-derive the keys of registrations fed from open cases "
        "(from the encrypted young-person records) and count partner registrations that must be re-submitted."
    )

    def handle(self, *args, **options) -> None:
        counts = case_involvements_rekey()
        self.stdout.write(
            f"Re-keyed {counts['rekeyed']}, skipped {counts['skipped']} (case closed or gone), "
            f"{counts['awaiting_resubmission']} partner registration(s) keep their old key until re-submitted or "
            f"expired."
        )
