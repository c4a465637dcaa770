"""A cache backend for rate-limit counters: one SQL statement per ``add`` and per ``incr``.

django-ratelimit counts with ``cache.add(key, 1)`` and then ``cache.incr(key)``. Django's
database cache does each of those as several statements in a transaction and counts its whole
table on every write (to cull it), which made the counter most of the work of a public-form
submission. Here ``add`` is one ``INSERT … ON CONFLICT`` (which also takes over an expired row)
and ``incr`` one ``UPDATE … RETURNING``, on PostgreSQL and on SQLite (3.35 or later) alike; the
counters live in their own table, shared by every server process, and expired rows are removed by
``purge_expired`` (run by ``run_daily_jobs``). Values are integers only: this is a counter store,
not a general cache. Redis or memcached would do as well, at the price of one more service to run.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import connection

TABLE = "accounts_ratecounter"
FOREVER = 2**62


class CounterCache(BaseCache):
    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)

    def _expiry(self, timeout: Any) -> float:
        seconds = self.get_backend_timeout(timeout)
        return FOREVER if seconds is None else float(seconds)

    def _int(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("CounterCache stores integers only")
        return value

    def add(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        """Store ``value`` unless a live entry exists; True when stored (one statement)."""
        key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (key, value, expires) VALUES (%s, %s, %s) "
                f"ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
                f"WHERE {TABLE}.expires <= %s",
                [key, self._int(value), self._expiry(timeout), time.time()],
            )
            return cursor.rowcount == 1

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Add ``delta`` to a live entry and return the new value (one statement)."""
        key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET value = value + %s WHERE key = %s AND expires > %s RETURNING value",
                [self._int(delta), key, time.time()],
            )
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return int(row[0])

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {TABLE} WHERE key = %s AND expires > %s", [key, time.time()])
            row = cursor.fetchone()
        return default if row is None else int(row[0])

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (key, value, expires) VALUES (%s, %s, %s) "
                f"ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
                [key, self._int(value), self._expiry(timeout)],
            )

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET expires = %s WHERE key = %s AND expires > %s",
                [self._expiry(timeout), key, time.time()],
            )
            return cursor.rowcount == 1

    def delete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE key = %s", [key])
            return cursor.rowcount == 1

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self.get(key, version=version) is not None

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")


def purge_expired() -> int:
    """Remove expired counters; returns how many."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE expires <= %s", [time.time()])
        return cursor.rowcount
