from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import Organization
from zicht.stats.report import FORMATS, INTERNAL, VERSIONS, report_file
from zicht.stats.selectors import council_report_for_organization


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Write the council report (public: protected figures; internal: exact figures of one organisation, audited)."

    def add_base_argument(self, parser: CommandParser, *args: Any, **kwargs: Any) -> None:
        # "--version" names the report version here, not the program version.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--start", required=True, help="First day of the period (YYYY-MM-DD).")
        parser.add_argument("--end", required=True, help="Last day of the period, inclusive (YYYY-MM-DD).")
        parser.add_argument("--version", dest="report_version", choices=VERSIONS, default="public")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="docx")
        parser.add_argument("--organization", type=int, help="Organisation id (required for the internal version).")
        parser.add_argument("--output", required=True, help="File to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError("--end lies before --start")
        organization = None
        if options["organization"] is not None:
            organization = Organization.objects.filter(pk=options["organization"]).first()
            if organization is None:
                raise CommandError(f"no organisation with id {options['organization']}")
        if options["report_version"] == INTERNAL and organization is None:
            raise CommandError("the internal version needs --organization <id>")
        report = council_report_for_organization(
            start=start, end=end, version=options["report_version"], organization=organization
        )
        content, _type, _name = report_file(report, options["fmt"])
        Path(options["output"]).write_bytes(content)
        self.stdout.write(
            f"Wrote {options['output']} ({len(content)} bytes, {options['report_version']}, {options['fmt']})."
        )
