"""The chain head anchored outside the database: a small file signed with the audit key.

Verification writes it (only ever forward) after it found the chain intact up to an entry; the
next verification demands that this entry still exists with the same MAC. Deleting the newest
entries and moving the head in the database is then detected, as long as the deleted entries were
older than the last checkpoint. Keep the file where the database's users cannot write (another
host, a write-once bucket, or at least another Unix user); see docs/data-protection.md.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from zicht.audit.chain import checkpoint_digest, digests_equal


class CheckpointForged(Exception):
    """The checkpoint file exists but its signature (or format) is wrong."""


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    entry_hash: str
    written_at: str


def checkpoint_path() -> Path | None:
    value = settings.AUDIT_CHECKPOINT_PATH
    return Path(value) if value else None


def checkpoint_read() -> Checkpoint | None:
    path = checkpoint_path()
    if path is None or not path.exists():
        return None
    try:
        data = json.loads(path.read_text())
        point = Checkpoint(int(data["sequence"]), str(data["entry_hash"]), str(data["written_at"]))
        mac = str(data["mac"])
    except (ValueError, KeyError, TypeError) as error:
        raise CheckpointForged(str(error)) from None
    expected = checkpoint_digest(sequence=point.sequence, entry_hash=point.entry_hash, written_at=point.written_at)
    if not digests_equal(mac, expected):
        raise CheckpointForged("signature")
    return point


def checkpoint_advance(*, sequence: int, entry_hash: str) -> bool:
    """Write the checkpoint if it moves forward; True when written. Safe between processes."""
    path = checkpoint_path()
    if path is None:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            current = checkpoint_read()
        except CheckpointForged:
            return False  # never overwrite evidence; verification reports it
        if current is not None and current.sequence >= sequence:
            return False
        written_at = timezone.now().isoformat()
        mac = checkpoint_digest(sequence=sequence, entry_hash=entry_hash, written_at=written_at)
        payload = json.dumps({"sequence": sequence, "entry_hash": entry_hash, "written_at": written_at, "mac": mac})
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".checkpoint-")
        with os.fdopen(handle, "w") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o640)
        os.replace(temporary, path)
        return True


def checkpoint_discard() -> None:
    """Forget the checkpoint: only for a freshly created (demo) database with a new chain."""
    path = checkpoint_path()
    if path is not None and path.exists():
        path.unlink()
