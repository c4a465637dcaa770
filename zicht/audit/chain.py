"""The MAC of an access log entry and of a checkpoint: pure, so the verifier and the writer agree.

Each entry's ``entry_hash`` is HMAC-SHA256, keyed with ``settings.AUDIT_CHAIN_KEY`` (from the
environment, never in the database), over the entry's fields and the previous entry's MAC. Someone
who can write to the database but does not hold the key cannot recompute the chain after an edit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.conf import settings

HASHED_FIELDS = (
    "sequence",
    "created_at",
    "actor_id",
    "actor_username",
    "organization_id_snapshot",
    "role",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "prev_hash",
)
# Hashed only when not empty, so entries written before the field existed keep their MAC.
OPTIONAL_HASHED_FIELDS = ("detail",)


def _key(purpose: bytes, key: str | None = None) -> bytes:
    """A separate subkey per use, so an entry MAC can never pass for a checkpoint MAC."""
    return _subkey(purpose, key if key is not None else settings.AUDIT_CHAIN_KEY)


@lru_cache(maxsize=8)
def _subkey(purpose: bytes, secret: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), purpose, hashlib.sha256).digest()


def _mac(purpose: bytes, canonical: dict[str, Any], key: str | None) -> str:
    payload = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(_key(purpose, key), payload.encode("ascii"), hashlib.sha256).hexdigest()


def entry_digest(values: dict[str, Any], *, key: str | None = None) -> str:
    canonical = {}
    for name in HASHED_FIELDS:
        value = values[name]
        canonical[name] = value.isoformat() if isinstance(value, datetime) else value
    for name in OPTIONAL_HASHED_FIELDS:
        if values.get(name):
            canonical[name] = values[name]
    return _mac(b"zicht-audit-entry-v2", canonical, key)


def search_term_digest(term: str, *, key: str | None = None) -> str:
    """Keyed hash of a search term as recorded in the access log (never the term itself).

    The term is normalised (NFKC, case-folded, inner whitespace collapsed), so an auditor holding
    the key can check whether anyone searched for a given name: hash it and look it up.
    """
    normalised = " ".join(unicodedata.normalize("NFKC", term).casefold().split())
    return hmac.new(_key(b"zicht-audit-search-v1", key), normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def checkpoint_digest(*, sequence: int, entry_hash: str, written_at: str, key: str | None = None) -> str:
    return _mac(
        b"zicht-audit-checkpoint-v1", {"sequence": sequence, "entry_hash": entry_hash, "written_at": written_at}, key
    )


def digests_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))
