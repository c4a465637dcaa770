"""Access log: one entry per read, hash chain verified, tampering named, append-only in the database."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.http import Http404

from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry, AppendOnlyError
from zicht.audit.selectors import audited_get
from zicht.audit.services import access_log_record
from zicht.audit.verification import audit_chain_verify
from zicht.common.roles import Role
from zicht.people.models import YoungPerson

pytestmark = pytest.mark.django_db


def _person(org) -> YoungPerson:
    return YoungPerson.objects.create(organization=org, given_names="Noah", family_name="Jansen")


def test_audited_get_writes_exactly_one_entry_with_who_what_and_why(personas, support_org):
    worker = personas[Role.SUPPORT_WORKER]
    person = _person(support_org)
    before = AccessLogEntry.objects.count()
    audited_get(queryset=YoungPerson.objects.all(), pk=person.pk, user=worker, purpose=Purpose.SUPPORT)
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("sequence")
    assert (entry.actor, entry.role, entry.organization_id_snapshot) == (worker, Role.SUPPORT_WORKER, support_org.pk)
    assert (entry.action, entry.purpose) == (AccessAction.READ, Purpose.SUPPORT)
    assert (entry.object_type, entry.object_id) == ("people.youngperson", str(person.pk))


def test_entry_holds_no_content(personas, support_org):
    person = _person(support_org)
    entry = access_log_record(
        user=personas[Role.SUPPORT_WORKER], action=AccessAction.READ, purpose=Purpose.SUPPORT, obj=person
    )
    stored = " ".join(str(v) for v in AccessLogEntry.objects.filter(pk=entry.pk).values().get().values())
    assert "Noah" not in stored and "Jansen" not in stored


def test_object_outside_visibility_is_404_and_not_logged(personas, support_org):
    person = _person(support_org)
    with pytest.raises(Http404):
        audited_get(
            queryset=YoungPerson.objects.none(), pk=person.pk, user=personas[Role.REPORTER], purpose=Purpose.SUPPORT
        )
    assert not AccessLogEntry.objects.exists()


def test_unknown_purpose_is_refused(personas, support_org):
    with pytest.raises(ValueError, match="purpose"):
        access_log_record(
            user=personas[Role.SUPPORT_WORKER], action=AccessAction.READ, purpose="curiosity", obj=_person(support_org)
        )


def _fill_chain(user, org, n: int = 5) -> list[AccessLogEntry]:
    person = _person(org)
    return [
        access_log_record(user=user, action=AccessAction.READ, purpose=Purpose.SUPPORT, obj=person) for _ in range(n)
    ]


def test_intact_chain_verifies(personas, support_org):
    _fill_chain(personas[Role.SUPPORT_WORKER], support_org)
    report = audit_chain_verify()
    assert report.intact and report.entries_checked == 5
    call_command("verify_audit_log")


def _tamper(sql: str, params: list) -> None:
    """Play an attacker with owner rights on the database: lift the guard, change a row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks may block ALTER TABLE
            cursor.execute("ALTER TABLE audit_accesslogentry DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_accesslogentry ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")
            cursor.execute(sql, params)


@pytest.mark.parametrize(
    "column,value", [("object_id", "999"), ("purpose", Purpose.STATISTICS), ("actor_username", "someone")]
)
def test_altering_any_field_breaks_the_chain_at_that_entry(personas, support_org, column, value):
    entries = _fill_chain(personas[Role.SUPPORT_WORKER], support_org)
    target = entries[2]
    _tamper(f"UPDATE audit_accesslogentry SET {column} = %s WHERE id = %s", [value, target.pk])
    report = audit_chain_verify()
    assert report.broken_sequence == target.sequence
    with pytest.raises(CommandError, match=f"regel {target.sequence}:"):
        call_command("verify_audit_log")


def test_removing_an_entry_is_detected(personas, support_org):
    entries = _fill_chain(personas[Role.SUPPORT_WORKER], support_org)
    _tamper("DELETE FROM audit_accesslogentry WHERE id = %s", [entries[1].pk])
    assert audit_chain_verify().broken_sequence == entries[1].sequence


def test_removing_the_last_entry_is_detected(personas, support_org):
    entries = _fill_chain(personas[Role.SUPPORT_WORKER], support_org)
    _tamper("DELETE FROM audit_accesslogentry WHERE id = %s", [entries[-1].pk])
    assert not audit_chain_verify().intact


def test_database_refuses_update_and_delete(personas, support_org):
    entry = _fill_chain(personas[Role.SUPPORT_WORKER], support_org, n=1)[0]
    for statement in (
        "UPDATE audit_accesslogentry SET purpose = 'x' WHERE id = %s",
        "DELETE FROM audit_accesslogentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])


def test_model_refuses_save_and_delete_of_stored_entries(personas, support_org):
    entry = _fill_chain(personas[Role.SUPPORT_WORKER], support_org, n=1)[0]
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
