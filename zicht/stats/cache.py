"""A small in-process cache of computed tables (true counts stay on the server, in memory).

Dashboards over a million cases cannot recount everything on every request. A table is reused
while (a) it is younger than ``ZICHT_STATS_CACHE_SECONDS`` (default 300; off in tests) and (b) no row was added
to the tables the figure declares that it counts (``FigureSpec.counts``; the highest primary
keys, read in one query). Changes to
existing rows (a new victim status, a closing) show up within the time limit.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import connection

from zicht.stats.tables import StatTable

MAX_ENTRIES = 512
_entries: OrderedDict[tuple, tuple[float, StatTable]] = OrderedDict()
_lock = threading.Lock()


def _counted_tables(models: Iterable[str] = ()) -> list[str]:
    """The database tables of ``models`` ("app.Model"), or of every model a registered figure
    declares that it counts (``FigureSpec.counts``)."""
    from django.apps import apps

    from zicht.stats.figures import FIGURES

    labels = sorted(set(models) or {label for spec in FIGURES.values() for label in spec.counts})
    tables = []
    for label in labels:
        try:
            tables.append(apps.get_model(label)._meta.db_table)
        except LookupError:
            continue  # an app that is not installed counts nothing
    return tables


def data_version(models: Iterable[str] = ()) -> tuple:
    """The highest id of every counted table, in one query."""
    quote = connection.ops.quote_name
    tables = _counted_tables(models)
    if not tables:
        return ()
    parts = ", ".join(f"(SELECT MAX(id) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        return tuple(cursor.fetchone())


def cache_seconds() -> int:
    """``ZICHT_STATS_CACHE_SECONDS``; default 300, but off in the test suite (ids repeat between
    tests, so a cached table could outlive the data it was counted from)."""
    default = 0 if getattr(settings, "ZICHT_ENV", "") == "test" else 300
    return int(getattr(settings, "ZICHT_STATS_CACHE_SECONDS", default))


def cached_table(key: tuple, build: Callable[[], StatTable], models: Iterable[str] = ()) -> StatTable:
    """``build()``, reused while it is fresh and no row was added to ``models`` (default: every
    counted model)."""
    seconds = cache_seconds()
    if seconds <= 0:
        return build()
    full_key = (*key, data_version(models))
    now = time.monotonic()
    with _lock:
        hit = _entries.get(full_key)
        if hit is not None and now - hit[0] < seconds:
            _entries.move_to_end(full_key)
            return hit[1]
    table = build()
    with _lock:
        _entries[full_key] = (now, table)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return table


def clear() -> None:
    with _lock:
        _entries.clear()
