from __future__ import annotations

from dataclasses import dataclass

from zicht.audit.chain import HASHED_FIELDS, entry_digest
from zicht.audit.models import GENESIS_HASH, AccessLogEntry, AuditChainHead


@dataclass(frozen=True)
class ChainReport:
    entries_checked: int
    broken_sequence: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_sequence is None


def audit_chain_verify(*, batch_size: int = 5000) -> ChainReport:
    """Walk the chain in order and report the first entry whose link or hash is wrong."""
    expected_prev = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    fields = [*HASHED_FIELDS, "entry_hash"]
    for row in AccessLogEntry.objects.order_by("sequence").values(*fields).iterator(chunk_size=batch_size):
        if row["sequence"] != expected_sequence:
            return ChainReport(checked, expected_sequence, f"entry {expected_sequence} is missing")
        if row["prev_hash"] != expected_prev:
            return ChainReport(checked, row["sequence"], "its link to the previous entry is broken")
        if entry_digest(row) != row["entry_hash"]:
            return ChainReport(checked, row["sequence"], "its content does not match its hash")
        expected_prev = row["entry_hash"]
        expected_sequence += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and checked and head.last_hash != expected_prev:
        return ChainReport(checked, expected_sequence, "entries after this point were removed")
    return ChainReport(checked)
