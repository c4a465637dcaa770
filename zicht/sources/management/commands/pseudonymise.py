from django.core.management.base import BaseCommand, CommandError

from zicht.sources.pseudonymise import main


class Command(BaseCommand):
    help = "Turn a CSV with identifiers into pseudonymous keys with the shared list key (no database needed)."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("input")
        parser.add_argument("output")
        parser.add_argument("--key-file", required=True)

    def handle(self, *args, **options) -> None:
        argv = [options["input"], options["output"], "--key-file", options["key_file"]]
        code = main(argv, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise CommandError("the file was rejected; nothing was written" if code == 1 else "pseudonymisation failed")
