"""Database-level guard: history, extensions and frozen figures refuse UPDATE and DELETE."""
from django.db import migrations

TABLES = ("council_councilquestionevent", "council_councilquestionextension", "council_answerfigure")
MESSAGE = "council history, extensions and inserted figures are append-only"


def _postgres_forward() -> str:
    statements = [
        f"CREATE OR REPLACE FUNCTION council_refuse_change() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;"
    ]
    for table in TABLES:
        statements.append(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION council_refuse_change();")
        statements.append(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION council_refuse_change();")
    return "\n".join(statements)


def _postgres_reverse() -> str:
    statements = [f"DROP TRIGGER IF EXISTS {t}_no_{op} ON {t};" for t in TABLES for op in ("update", "delete")]
    statements.append("DROP FUNCTION IF EXISTS council_refuse_change();")
    return "\n".join(statements)


def _sqlite_forward() -> list[str]:
    return [
        f"CREATE TRIGGER {t}_no_{op} BEFORE {op.upper()} ON {t} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        for t in TABLES
        for op in ("update", "delete")
    ]


def _sqlite_reverse() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {t}_no_{op};" for t in TABLES for op in ("update", "delete")]


def forward(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_postgres_forward())
    elif schema_editor.connection.vendor == "sqlite":
        for statement in _sqlite_forward():
            schema_editor.execute(statement)


def reverse(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_postgres_reverse())
    elif schema_editor.connection.vendor == "sqlite":
        for statement in _sqlite_reverse():
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
