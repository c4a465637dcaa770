"""Model fields that store identifying data encrypted at rest.

The database holds only Fernet tokens; values are encrypted in Python before they are sent and
decrypted when loaded, so neither raw SQL nor a database dump shows the plaintext. Encrypted
fields cannot be searched or ordered in SQL: look people up by a pseudonymous key instead
(``zicht.common.pseudonyms``).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models

from zicht.common.crypto import decrypt_text, encrypt_text

if TYPE_CHECKING:
    # The mixin is only ever combined with a Field; tell the checker so.
    _FieldBase = models.Field[Any, Any]
else:
    _FieldBase = object


class _EncryptedMixin(_FieldBase):
    """Encrypts ``to_db_text(value)`` and decodes with ``from_db_text`` on load."""

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)

    def to_db_text(self, value: Any) -> str:
        return str(value)

    def from_db_text(self, text: str) -> Any:
        return text

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        value = self.to_python(value)
        if value is None or value == "":
            return value
        return encrypt_text(self.to_db_text(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self.from_db_text(decrypt_text(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in {"isnull"}:
            raise TypeError(f"encrypted field {self.name!r} cannot be filtered with __{lookup_name}")
        return super().get_lookup(lookup_name)


class EncryptedCharField(_EncryptedMixin, models.CharField):
    """A CharField whose ``max_length`` applies to the plaintext."""


class EncryptedTextField(_EncryptedMixin, models.TextField):
    pass


class EncryptedDateField(_EncryptedMixin, models.DateField):
    def to_db_text(self, value: datetime.date) -> str:
        return value.isoformat()

    def from_db_text(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)
