from django.core.management.base import BaseCommand, CommandError

from zicht.audit.verification import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the access log and name the first broken entry."

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        report = audit_chain_verify()
        if not report.intact:
            raise CommandError(
                f"Access log broken at entry {report.broken_sequence}: {report.reason} "
                f"({report.entries_checked} entries before it are intact)."
            )
        self.stdout.write(self.style.SUCCESS(f"Access log intact: {report.entries_checked} entries verified."))
