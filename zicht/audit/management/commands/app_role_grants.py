from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from zicht.audit.database_roles import app_role_grants


class Command(BaseCommand):
    help = (
        "PostgreSQL: print (or, as the owner role, apply with --apply) the grants of the app's database role: "
        "rows only, no ownership, no UPDATE/DELETE/TRUNCATE on the append-only tables. Run after every migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the app's database role (it must not own the tables)")
        parser.add_argument(
            "--apply", action="store_true", help="execute the statements on the database of DATABASE_URL"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Database roles apply to PostgreSQL only.")
        statements = app_role_grants(role=options["role"])
        if options["apply"]:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        self.stdout.write(";\n".join(statements) + ";")
