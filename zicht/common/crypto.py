"""Symmetric encryption of identifying values with keys from the environment.

Hand-written on ``cryptography``'s MultiFernet rather than a field package: the packages we
looked at derive their key from Django's SECRET_KEY and return the ciphertext unchanged when
decryption fails; a wrong or missing key here must fail loudly instead.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(RuntimeError):
    """Stored ciphertext cannot be read with any configured key."""


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def cipher() -> MultiFernet:
    return _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(plaintext: str) -> str:
    return cipher().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise DecryptionError("an encrypted field cannot be decrypted with the configured keys") from None


def reencrypt_text(token: str) -> str:
    """Re-encrypt under the newest key (key rotation)."""
    return cipher().rotate(token.encode("ascii")).decode("ascii")
