"""Verification of the access log's MAC chain against a fixed snapshot and the outside checkpoint.

Writers are serialised on the chain head and commit the head together with their entry, so the
committed entries always form an unbroken prefix 1..N. Verification reads the head first, then
fixes N (the highest committed sequence) and checks exactly 1..N: entries written meanwhile are
left for the next run and can never look like a gap or a removed tail. What was verified is
remembered (per process) so the next run only checks the new entries; the signed checkpoint
outside the database anchors the head against truncation.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Max
from django.utils.translation import gettext as _

from zicht.audit.chain import HASHED_FIELDS, OPTIONAL_HASHED_FIELDS, digests_equal, entry_digest
from zicht.audit.checkpoint import CheckpointForged, checkpoint_advance, checkpoint_read
from zicht.audit.models import GENESIS_HASH, AccessLogEntry, AuditChainHead

MISSING = "missing"
LINK = "link"
CONTENT = "content"
HEAD = "head"
REMOVED = "removed"
CHECKPOINT_MISMATCH = "checkpoint_mismatch"
CHECKPOINT_FORGED = "checkpoint_forged"

_FIELDS = (*HASHED_FIELDS, *OPTIONAL_HASHED_FIELDS, "entry_hash")
_verified: dict[str, tuple[int, str]] = {}
_verified_lock = threading.Lock()


@dataclass(frozen=True)
class ChainReport:
    entries_checked: int
    broken_sequence: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None

    @property
    def reason(self) -> str:
        reasons = {
            MISSING: _("this entry is missing"),
            LINK: _("its link to the previous entry is broken"),
            CONTENT: _("its content does not match its MAC"),
            HEAD: _("the chain head in the database does not match this entry"),
            REMOVED: _("entries from this point on were removed"),
            CHECKPOINT_MISMATCH: _("this entry differs from the signed checkpoint outside the database"),
            CHECKPOINT_FORGED: _("the signed checkpoint outside the database is not valid"),
        }
        return reasons.get(self.problem or "", "")

    @property
    def message(self) -> str:
        if self.intact:
            return _("Access log intact: %(n)s entries verified.") % {"n": self.entries_checked}
        if self.broken_sequence is None:
            return _("Access log not trustworthy: %(reason)s.") % {"reason": self.reason}
        return _("Access log broken at entry %(seq)s: %(reason)s (the %(n)s entries before it are intact).") % {
            "seq": self.broken_sequence,
            "reason": self.reason,
            "n": self.entries_checked,
        }


def _cache_key() -> str:
    return f"{connection.alias}:{connection.settings_dict.get('NAME')}"


def _row(sequence: int) -> dict[str, Any] | None:
    return AccessLogEntry.objects.filter(sequence=sequence).values(*_FIELDS).first()


def _rows(after: int, upto: int, batch_size: int) -> Iterator[dict[str, Any]]:
    rows = AccessLogEntry.objects.filter(sequence__gt=after, sequence__lte=upto).order_by("sequence").values(*_FIELDS)
    yield from rows.iterator(chunk_size=batch_size)


def _head() -> Mapping[str, Any] | None:
    return AuditChainHead.objects.filter(pk=1).values("last_sequence", "last_hash").first()


def _resume_point(upto: int) -> tuple[int, str]:
    """Where a previous run in this process stopped, if that entry is still what it verified."""
    with _verified_lock:
        cached = _verified.get(_cache_key())
    if cached is None or cached[0] > upto:
        return 0, GENESIS_HASH
    row = _row(cached[0])
    if (
        row is None
        or not digests_equal(row["entry_hash"], cached[1])
        or not digests_equal(entry_digest(row), cached[1])
    ):
        return 0, GENESIS_HASH  # another database or a changed entry: verify everything
    return cached


def audit_chain_verify(*, full: bool = False, write_checkpoint: bool = True, batch_size: int = 5000) -> ChainReport:
    """Check the chain 1..N for a fixed N and the checkpoint; name the first broken entry.

    ``full`` ignores what this process verified before (the daily job uses it).
    """
    head = _head()
    upto = AccessLogEntry.objects.aggregate(last=Max("sequence"))["last"] or 0
    checked, expected_prev = (0, GENESIS_HASH) if full else _resume_point(upto)
    expected_sequence = checked + 1
    for row in _rows(checked, upto, batch_size):
        if row["sequence"] != expected_sequence:
            return ChainReport(checked, expected_sequence, MISSING)
        if not digests_equal(row["prev_hash"], expected_prev):
            return ChainReport(checked, row["sequence"], LINK)
        if not digests_equal(entry_digest(row), row["entry_hash"]):
            return ChainReport(checked, row["sequence"], CONTENT)
        expected_prev = row["entry_hash"]
        expected_sequence += 1
        checked += 1
    if checked != upto:  # pragma: no cover - the loop ends at upto unless rows vanished meanwhile
        return ChainReport(checked, expected_sequence, MISSING)

    if head is not None and head["last_sequence"]:
        if head["last_sequence"] > upto:
            return ChainReport(checked, upto + 1, REMOVED)
        at_head = _row(head["last_sequence"])
        if at_head is None or not digests_equal(at_head["entry_hash"], head["last_hash"]):
            return ChainReport(checked, head["last_sequence"], HEAD)

    try:
        point = checkpoint_read()
    except CheckpointForged:
        return ChainReport(checked, None, CHECKPOINT_FORGED)
    if point is not None:
        if point.sequence > upto:
            return ChainReport(checked, upto + 1, REMOVED)
        anchored = _row(point.sequence)
        if anchored is None or not digests_equal(anchored["entry_hash"], point.entry_hash):
            return ChainReport(checked, point.sequence, CHECKPOINT_MISMATCH)

    with _verified_lock:
        _verified[_cache_key()] = (upto, expected_prev)
    if write_checkpoint and upto:
        checkpoint_advance(sequence=upto, entry_hash=expected_prev)
    return ChainReport(checked)


def forget_verified() -> None:
    """Drop what this process remembers (tests; after restoring a backup)."""
    with _verified_lock:
        _verified.clear()
