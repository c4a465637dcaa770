"""A database attacker without the audit key: a recomputed chain and a truncated chain are detected.

The attacker may edit rows, lift the append-only triggers and move the head in the database; the
MAC key (environment) and the checkpoint file (outside the database) are out of reach.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.utils import translation

from zicht.audit.chain import HASHED_FIELDS, entry_digest
from zicht.audit.constants import AccessAction, Purpose
from zicht.audit.models import AccessLogEntry
from zicht.audit.services import access_log_record
from zicht.audit.verification import (
    CHECKPOINT_FORGED,
    CHECKPOINT_MISMATCH,
    CONTENT,
    REMOVED,
    audit_chain_verify,
    forget_verified,
)
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def checkpoint(tmp_path, settings):
    settings.AUDIT_CHECKPOINT_PATH = str(tmp_path / "anchor" / "audit-checkpoint.json")
    forget_verified()
    yield tmp_path / "anchor" / "audit-checkpoint.json"
    forget_verified()


def _fill(user, n: int) -> list[AccessLogEntry]:
    return [
        access_log_record(
            user=user, action=AccessAction.READ, purpose=Purpose.SUPPORT, object_type="cases.case", object_id=i
        )
        for i in range(n)
    ]


def _sql(*statements: tuple[str, list]) -> None:
    """Owner rights on the database: lift the triggers and run the statements."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_accesslogentry DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_accesslogentry ENABLE TRIGGER USER")


def _unkeyed_sha256(values: dict) -> str:
    """What the chain used to be: anyone could recompute it."""
    canonical = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items() if k in HASHED_FIELDS}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _rewrite_from(sequence: int, *, digest) -> None:
    """Edit entry ``sequence`` and recompute every later MAC and the head, as an attacker would."""
    rows = list(AccessLogEntry.objects.order_by("sequence").values(*HASHED_FIELDS, "id", "entry_hash"))
    prev = rows[sequence - 2]["entry_hash"] if sequence > 1 else "0" * 64
    statements = []
    for row in rows[sequence - 1 :]:
        if row["sequence"] == sequence:
            row["object_id"] = "someone-else"
        row["prev_hash"] = prev
        prev = digest(row)
        statements.append(
            (
                "UPDATE audit_accesslogentry SET object_id = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [row["object_id"], row["prev_hash"], prev, row["id"]],
            )
        )
    statements.append(("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", [prev]))
    _sql(*statements)


def test_edit_with_all_later_hashes_recomputed_is_detected_without_the_key(personas):
    _fill(personas[Role.SUPPORT_WORKER], 30)
    _rewrite_from(12, digest=_unkeyed_sha256)
    report = audit_chain_verify()
    assert (report.broken_sequence, report.problem) == (12, CONTENT)


def test_recomputing_with_a_guessed_key_is_detected(personas):
    _fill(personas[Role.SUPPORT_WORKER], 30)
    _rewrite_from(12, digest=lambda row: entry_digest(row, key="guessed-key"))
    assert audit_chain_verify().broken_sequence == 12


def test_even_with_the_key_a_rewrite_below_the_checkpoint_is_detected(personas):
    _fill(personas[Role.SUPPORT_WORKER], 30)
    assert audit_chain_verify().intact  # writes the checkpoint at 30
    forget_verified()
    _rewrite_from(12, digest=entry_digest)
    report = audit_chain_verify()
    assert (report.broken_sequence, report.problem) == (30, CHECKPOINT_MISMATCH)


def _truncate(keep: int) -> None:
    kept = AccessLogEntry.objects.get(sequence=keep)
    _sql(
        ("DELETE FROM audit_accesslogentry WHERE sequence > %s", [keep]),
        ("UPDATE audit_auditchainhead SET last_sequence = %s, last_hash = %s WHERE id = 1", [keep, kept.entry_hash]),
    )


def test_deleting_the_last_entries_and_moving_the_head_is_detected_by_the_checkpoint(personas, checkpoint):
    _fill(personas[Role.SUPPORT_WORKER], 60)
    assert audit_chain_verify().intact
    assert json.loads(checkpoint.read_text())["sequence"] == 60
    _truncate(10)
    report = audit_chain_verify()
    assert (report.broken_sequence, report.problem) == (11, REMOVED)
    with pytest.raises(CommandError, match="regel 11: vanaf hier zijn regels verwijderd"):
        call_command("verify_audit_log")


def test_without_a_checkpoint_the_same_truncation_goes_unnoticed(personas, settings):
    """The reason the checkpoint exists: the database alone cannot tell."""
    settings.AUDIT_CHECKPOINT_PATH = None
    _fill(personas[Role.SUPPORT_WORKER], 60)
    assert audit_chain_verify().intact
    _truncate(10)
    assert audit_chain_verify().intact


@pytest.mark.parametrize("field,value", [("sequence", 5), ("mac", "0" * 64)])
def test_a_forged_checkpoint_is_reported(personas, checkpoint, field, value):
    _fill(personas[Role.SUPPORT_WORKER], 20)
    audit_chain_verify()
    data = json.loads(checkpoint.read_text())
    data[field] = value
    checkpoint.write_text(json.dumps(data))
    report = audit_chain_verify()
    assert report.problem == CHECKPOINT_FORGED and not report.intact


def test_checkpoint_only_moves_forward_and_is_written_by_the_command(personas, checkpoint):
    _fill(personas[Role.SUPPORT_WORKER], 5)
    call_command("verify_audit_log")
    assert json.loads(checkpoint.read_text())["sequence"] == 5
    _fill(personas[Role.SUPPORT_WORKER], 3)
    call_command("verify_audit_log", "--no-checkpoint")
    assert json.loads(checkpoint.read_text())["sequence"] == 5
    call_command("verify_audit_log")
    assert json.loads(checkpoint.read_text())["sequence"] == 8


def test_the_key_comes_from_settings_and_changes_every_mac(personas):
    entry = _fill(personas[Role.SUPPORT_WORKER], 1)[0]
    values = AccessLogEntry.objects.filter(pk=entry.pk).values(*HASHED_FIELDS).get()
    assert entry_digest(values) == entry.entry_hash
    with override_settings(AUDIT_CHAIN_KEY="another-key-another-key-another-key"):
        assert entry_digest(values) != entry.entry_hash


def test_messages_are_dutch(personas):
    _fill(personas[Role.SUPPORT_WORKER], 3)
    with translation.override("nl"):
        assert audit_chain_verify().message == "Toegangslog intact: 3 regels gecontroleerd."
    _sql(("UPDATE audit_accesslogentry SET purpose = %s WHERE sequence = 2", [Purpose.STATISTICS]))
    forget_verified()
    with translation.override("nl"):
        message = audit_chain_verify().message
    assert (
        message == "Toegangslog verbroken bij regel 2: de inhoud past niet bij de sleutelhash (MAC) "
        "(de 1 regels daarvoor zijn intact)."
    )
