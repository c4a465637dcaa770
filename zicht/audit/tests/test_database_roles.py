"""PostgreSQL only: the app role, which does not own the tables, cannot lift the append-only guard.

Needs a role the test database's owner may ``SET ROLE`` to: created here when the owner has
CREATEROLE, or named in ZICHT_TEST_APP_ROLE (for example ``CREATE ROLE zicht_app NOLOGIN;
GRANT zicht_app TO zicht;`` as the superuser).
"""

from __future__ import annotations

import os

import pytest
from django.db import DatabaseError, connection, transaction

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.database_roles import app_role_grants, append_only_tables
from zicht.audit.services import access_log_record
from zicht.common.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles")]


@pytest.fixture
def app_role() -> str:  # type: ignore[misc]  # pytest fixture decorator is untyped
    role = os.environ.get("ZICHT_TEST_APP_ROLE")
    with connection.cursor() as cursor:
        if not role:
            cursor.execute("SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                pytest.skip("no app role to test with (set ZICHT_TEST_APP_ROLE)")
            role = "zicht_app_probe"
            cursor.execute(f"DROP ROLE IF EXISTS {role}")
            cursor.execute(f"CREATE ROLE {role} NOLOGIN")
            cursor.execute(f"GRANT {role} TO current_user")
        for statement in app_role_grants(role=role):
            cursor.execute(statement)
    return role


def _as(role: str, sql: str, params: list | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(role)}")
        cursor.execute(sql, params or [])


def test_app_role_writes_entries_but_cannot_disable_triggers_update_delete_or_truncate(personas, app_role):
    entry = access_log_record(
        user=personas[Role.ADMIN], action=AccessAction.READ, purpose=Purpose.AUDIT, object_type="audit.accesslogentry"
    )
    _as(app_role, "SELECT count(*) FROM audit_accesslogentry")  # it can read
    _as(app_role, "UPDATE audit_auditchainhead SET last_sequence = last_sequence WHERE id = 1")  # and keep the head
    for sql in (
        "ALTER TABLE audit_accesslogentry DISABLE TRIGGER USER",
        "DROP TRIGGER audit_no_update ON audit_accesslogentry",
        f"UPDATE audit_accesslogentry SET object_id = 'x' WHERE id = {entry.pk}",
        f"DELETE FROM audit_accesslogentry WHERE id = {entry.pk}",
        "TRUNCATE audit_accesslogentry CASCADE",
    ):
        with pytest.raises(DatabaseError, match="owner|permission denied"):
            _as(app_role, sql)
    assert "audit_accesslogentry" in append_only_tables() and "audit_deletionlog" in append_only_tables()
