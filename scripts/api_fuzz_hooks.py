"""Schemathesis hooks for scripts/api_fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

The fuzzer draws Idempotency-Key values from a small space, so most POSTs would reuse a key with
another body and stop at 409 before reaching the operation. A well-formed key is replaced by a
fresh one; a missing or malformed key is kept, so the 400 answers are still exercised.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import schemathesis

_WELL_FORMED = re.compile(r"^[!-~](?:[ -~]{0,198}[!-~])?$")  # as IDEMPOTENCY_KEY_PATTERN in zicht/api/framework.py


@schemathesis.hook
def before_call(ctx: Any, case: Any, **kwargs: Any) -> None:
    headers = case.headers if case.headers is not None else {}
    key = headers.get("Idempotency-Key")
    if isinstance(key, str) and _WELL_FORMED.match(key):
        headers["Idempotency-Key"] = uuid.uuid4().hex
        case.headers = headers
