"""Database-level guard: the purge log refuses UPDATE and DELETE."""
from django.db import migrations

TABLE = "matching_purgelog"
MESSAGE = "the purge log is append-only"

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION matching_purgelog_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER matching_purgelog_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION matching_purgelog_refuse_change();
CREATE TRIGGER matching_purgelog_no_delete BEFORE DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION matching_purgelog_refuse_change();
"""
POSTGRES_REVERSE = f"""
DROP TRIGGER IF EXISTS matching_purgelog_no_update ON {TABLE};
DROP TRIGGER IF EXISTS matching_purgelog_no_delete ON {TABLE};
DROP FUNCTION IF EXISTS matching_purgelog_refuse_change();
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER matching_purgelog_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER matching_purgelog_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS matching_purgelog_no_update;", "DROP TRIGGER IF EXISTS matching_purgelog_no_delete;"]


def forward(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def reverse(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
