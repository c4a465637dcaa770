"""Append-only tables: a model guard and database triggers that refuse UPDATE and DELETE.

The model guard stops honest mistakes in Python; the triggers (SQLite and PostgreSQL) stop
everything that bypasses the ORM, short of dropping the trigger, which takes owner rights and
leaves the hash chain or the missing rows to tell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations, models


class AppendOnlyError(RuntimeError):
    """A stored row of an append-only table was about to be changed or deleted."""


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any):
        raise AppendOnlyError(f"{self._meta.label} rows cannot be deleted")


def vendor_sql(
    *,
    postgresql_forward: list[str],
    postgresql_reverse: list[str],
    sqlite_forward: list[str],
    sqlite_reverse: list[str],
) -> migrations.RunPython:
    """A migration operation that runs the statements of the connection's vendor."""

    def runner(statements: dict[str, list[str]]) -> Callable:
        def run(apps, schema_editor) -> None:
            for statement in statements.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return run

    forward = runner({"postgresql": postgresql_forward, "sqlite": sqlite_forward})
    reverse = runner({"postgresql": postgresql_reverse, "sqlite": sqlite_reverse})
    return migrations.RunPython(forward, reverse)


def refuse_changes(*, table: str, prefix: str, message: str) -> migrations.RunPython:
    """Triggers ``<prefix>_no_update`` and ``<prefix>_no_delete`` that refuse every change of ``table``."""
    function = f"{prefix}_refuse_change"
    return vendor_sql(
        postgresql_forward=[
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql;",
            *(
                f"CREATE TRIGGER {prefix}_no_{op} BEFORE {op.upper()} ON {table} FOR EACH ROW EXECUTE FUNCTION "
                f"{function}();"
                for op in ("update", "delete")
            ),
        ],
        postgresql_reverse=[
            *(f"DROP TRIGGER IF EXISTS {prefix}_no_{op} ON {table};" for op in ("update", "delete")),
            f"DROP FUNCTION IF EXISTS {function}();",
        ],
        sqlite_forward=[
            f"CREATE TRIGGER {prefix}_no_{op} BEFORE {op.upper()} ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); "
            f"END;"
            for op in ("update", "delete")
        ],
        sqlite_reverse=[f"DROP TRIGGER IF EXISTS {prefix}_no_{op};" for op in ("update", "delete")],
    )
