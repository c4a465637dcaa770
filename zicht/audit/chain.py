"""The hash of an access log entry: pure, so the verifier and the writer agree by construction."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

HASHED_FIELDS = (
    "sequence", "created_at", "actor_id", "actor_username", "organization_id_snapshot",
    "role", "action", "object_type", "object_id", "purpose", "prev_hash",
)


def entry_digest(values: dict[str, Any]) -> str:
    canonical = {}
    for name in HASHED_FIELDS:
        value = values[name]
        canonical[name] = value.isoformat() if isinstance(value, datetime) else value
    payload = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(payload.encode("ascii")).hexdigest()
