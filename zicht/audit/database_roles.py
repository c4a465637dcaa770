"""PostgreSQL: the owner role runs migrations; the app role only reads and writes rows.

An app role that does not own the tables cannot ``ALTER TABLE ... DISABLE TRIGGER`` nor drop the
append-only triggers, and without UPDATE, DELETE and TRUNCATE on the append-only tables it cannot
change them even through a path the triggers do not see (TRUNCATE fires no row trigger).
Run the statements as the owner after every ``migrate`` (``manage.py app_role_grants``).
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection

from zicht.common.append_only import AppendOnlyModel


def append_only_tables() -> list[str]:
    return sorted(m._meta.db_table for m in apps.get_models() if issubclass(m, AppendOnlyModel))


def app_role_grants(*, role: str, database: str | None = None) -> list[str]:
    quote = connection.ops.quote_name
    database = database or connection.settings_dict["NAME"]
    statements = [
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {quote(role)}",
        f"GRANT USAGE ON SCHEMA public TO {quote(role)}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quote(role)}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quote(role)}",
    ]
    statements += [
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(table)} FROM {quote(role)}" for table in append_only_tables()
    ]
    return statements
