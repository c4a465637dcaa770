"""Normalised identifiers and keyed pseudonyms (HMAC-SHA256), shared by matching and sources.

One module makes every pseudonymous key so that the involvement index and the partner lists
agree on normalisation. The server key never leaves the server; partners use a key shared for
list pseudonymisation only (pass it as ``key``).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from django.conf import settings

BSN_LENGTH = 9
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normalise_bsn(value: str) -> str:
    """Digits only, left-padded to nine (an eight-digit BSN lost its leading zero)."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not digits.isdigit() or not 8 <= len(digits) <= BSN_LENGTH:
        raise ValueError(f"not a BSN: {value!r}")
    return digits.zfill(BSN_LENGTH)


def bsn_is_valid(value: str) -> bool:
    """The eleven test (elfproef) of the Dutch citizen service number."""
    try:
        digits = normalise_bsn(value)
    except ValueError:
        return False
    if digits == "0" * BSN_LENGTH:
        return False
    total = sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True))
    return total % 11 == 0


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_text(text: str) -> str:
    """Lower case, accents removed, only letters kept (spaces, hyphens, apostrophes dropped)."""
    return re.sub(r"[^a-z]", "", strip_accents(text or "").lower())


def keyed_hash(value: str, *, purpose: str, key: str | bytes | None = None) -> str:
    """HMAC-SHA256 of ``purpose`` and ``value`` as hex; ``purpose`` separates key spaces."""
    secret = key if key is not None else settings.PSEUDONYM_KEY
    secret_bytes = secret.encode("utf-8") if isinstance(secret, str) else secret
    message = f"{purpose}\x1f{value}".encode()
    return hmac.new(secret_bytes, message, hashlib.sha256).hexdigest()


def bsn_key(bsn: str, *, key: str | bytes | None = None) -> str:
    if not bsn_is_valid(bsn):
        raise ValueError(f"BSN fails the eleven test: {bsn!r}")
    return keyed_hash(normalise_bsn(bsn), purpose="bsn", key=key)
