"""Re-encrypt every encrypted field under the newest field key, resumably, row by row.

A row is "current" when its ciphertexts decrypt with the newest key alone, so a second run skips
what the first did: the job can be stopped (or limited with ``max_rows``) and started again. Each
row is updated only if it still holds the ciphertext that was read, so a row the running app
saved meanwhile (already under the newest key) is left alone. Values never appear in output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction

from zicht.common.crypto import DecryptionError, cipher
from zicht.common.fields import _EncryptedMixin


@dataclass
class RotationCount:
    label: str
    total: int = 0
    rotated: int = 0
    current: int = 0
    failed: int = 0
    failed_ids: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.rotated + self.current


def encrypted_models() -> Iterator[tuple[type[models.Model], list[_EncryptedMixin]]]:
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, _EncryptedMixin)]
        if fields and not model._meta.proxy:
            yield model, fields


def _column(field: models.Field) -> str:
    # Only fields without a column of their own (relations to many) have None here.
    if field.column is None:
        raise ValueError(f"{field} has no column")
    return field.column


def _is_current(newest: Fernet, token: str) -> bool:
    try:
        newest.decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def _rotate_row(table: str, pk_column: str, columns: list[str], row: tuple, newest: Fernet) -> str:
    """'current', 'rotated' or 'changed' (the row moved on meanwhile); raises DecryptionError."""
    pk, tokens = row[0], row[1:]
    if all(not token or _is_current(newest, token) for token in tokens):
        return "current"
    try:
        fresh = [cipher().rotate(token.encode("ascii")).decode("ascii") if token else token for token in tokens]
    except InvalidToken:
        raise DecryptionError(f"row {pk}") from None
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(c)} = %s" for c in columns)
    guards = " AND ".join(
        f"{quote(c)} IS NOT DISTINCT FROM %s" if connection.vendor == "postgresql" else f"{quote(c)} IS %s"
        for c in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(table)} SET {sets} WHERE {quote(pk_column)} = %s AND {guards}", [*fresh, pk, *tokens]
        )
        return "rotated" if cursor.rowcount == 1 else "current"


def rotate_field_keys(
    *,
    batch_size: int = 500,
    max_rows: int | None = None,
    dry_run: bool = False,
    progress: Callable[[RotationCount], None] | None = None,
) -> list[RotationCount]:
    newest = Fernet(settings.FIELD_ENCRYPTION_KEYS[0])
    quote = connection.ops.quote_name
    counts: list[RotationCount] = []
    budget = max_rows
    for model, fields in encrypted_models():
        table, pk_column = model._meta.db_table, _column(model._meta.pk)
        columns = [_column(f) for f in fields]
        count = RotationCount(model._meta.label_lower, total=model._base_manager.count())
        counts.append(count)
        last = None
        while budget is None or budget > 0:
            where = f"WHERE {quote(pk_column)} > %s " if last is not None else ""
            limit = batch_size if budget is None else min(batch_size, budget)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote(pk_column)}, {', '.join(quote(c) for c in columns)} FROM {quote(table)} "
                    f"{where}ORDER BY {quote(pk_column)} LIMIT %s",
                    [last, limit] if last is not None else [limit],
                )
                rows = cursor.fetchall()
            if not rows:
                break
            with transaction.atomic():
                for row in rows:
                    last = row[0]
                    if dry_run:
                        outcome = "current" if all(not t or _is_current(newest, t) for t in row[1:]) else "rotated"
                    else:
                        try:
                            outcome = _rotate_row(table, pk_column, columns, row, newest)
                        except DecryptionError:
                            outcome = "failed"
                    if outcome == "failed":
                        count.failed += 1
                        count.failed_ids.append(str(row[0]))
                    elif outcome == "rotated":
                        count.rotated += 1
                    else:
                        count.current += 1
            if budget is not None:
                budget -= len(rows)
            if progress:
                progress(count)
    return counts
