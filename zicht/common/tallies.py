"""Tallies kept with the writes: counts per day, organisation and code, for statistics.

An app that owns counted rows defines a *source*: a function from ids of its entities to the
tallies those entities contribute (a ``Counter`` keyed by ``TallyKey``). Its services keep the
tallies in step by wrapping each write in ``tallies_kept`` (or the ``keeps_tallies`` decorator):
the contributions of the touched entities are read before and after the write and the
difference is added in the same transaction. A source is a pure read, so the same function
recomputes everything from scratch (``tallies_recount``) and a test or the daily check compares
the two.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from django.db import connection, transaction

from zicht.common.models import Tally


class TallyKey(NamedTuple):
    topic: str
    day: datetime.date
    organization_id: int
    a: str = ""
    b: str = ""


Tallies = Counter  # Counter[TallyKey]: a number per key
TallySource = Callable[[Iterable[int]], Tallies]
CHUNK = 2_000


def tallies_of(source: TallySource, ids: Iterable[int]) -> Tallies:
    """The contributions of ``ids``, read in chunks."""
    ids = sorted(set(ids))
    total: Tallies = Counter()
    for offset in range(0, len(ids), CHUNK):
        total.update(source(ids[offset : offset + CHUNK]))
    return total


def tallies_add(delta: Tallies) -> None:
    """Add ``delta`` to the stored tallies (one upsert per changed key; zero changes are skipped)."""
    rows = [(*key, n) for key, n in delta.items() if n]
    if not rows:
        return
    table = connection.ops.quote_name(Tally._meta.db_table)
    sql = (
        f"INSERT INTO {table} (topic, day, organization_id, a, b, n) VALUES (%s, %s, %s, %s, %s, %s) "
        f"ON CONFLICT (topic, day, organization_id, a, b) DO UPDATE SET n = {table}.n + excluded.n"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class KeptIds:
    """The ids a ``tallies_kept`` block touches; ``add`` the ids of entities created inside it."""

    def __init__(self, ids: Iterable[int]) -> None:
        self.ids = set(ids)

    def add(self, *ids: int) -> None:
        self.ids.update(ids)


@contextmanager
def tallies_kept(source: TallySource, ids: Iterable[int] = ()) -> Iterator[KeptIds]:
    """Keep the tallies of ``source`` in step with the writes inside the block (atomic with them).

    ``ids``: the existing entities the block may change or delete; entities it creates are
    added with ``kept.add(pk)``.
    """
    with transaction.atomic():
        kept = KeptIds(ids)
        before = tallies_of(source, kept.ids)
        yield kept
        after = tallies_of(source, kept.ids)
        after.subtract(before)
        tallies_add(after)


def keeps_tallies(
    source: TallySource,
    *,
    touched: Callable[[dict[str, Any]], Iterable[int]] = lambda kwargs: (),
    created: Callable[[Any], Iterable[int]] = lambda result: (),
) -> Callable:
    """Decorate a keyword-only service so that its write keeps the tallies of ``source``:
    ``touched(kwargs)`` gives the ids it may change, ``created(result)`` the ids it made."""

    def decorate(service: Callable) -> Callable:
        @functools.wraps(service)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with tallies_kept(source, touched(kwargs)) as kept:
                result = service(*args, **kwargs)
                kept.add(*created(result))
            return result

        return wrapper

    return decorate


def tallies_recount(sources: dict[str, tuple[TallySource, Iterable[int]]]) -> Tallies:
    """Every tally recomputed from scratch: ``{name: (source, all ids)}``."""
    total: Tallies = Counter()
    for source, ids in sources.values():
        total.update(tallies_of(source, ids))
    return +total


def tallies_stored(topics: Iterable[str]) -> Tallies:
    """The stored non-zero tallies of ``topics``."""
    rows = Tally.objects.filter(topic__in=list(topics)).exclude(n=0)
    return Counter(
        {
            TallyKey(t, d, o, a, b): n
            for t, d, o, a, b, n in rows.values_list("topic", "day", "organization_id", "a", "b", "n")
        }
    )


def tallies_replace(topics: Iterable[str], recount: Tallies) -> None:
    """Replace the stored tallies of ``topics`` by ``recount`` (atomic)."""
    with transaction.atomic():
        Tally.objects.filter(topic__in=list(topics)).delete()
        Tally.objects.bulk_create(
            (
                Tally(topic=k.topic, day=k.day, organization_id=k.organization_id, a=k.a, b=k.b, n=n)
                for k, n in recount.items()
                if n
            ),
            batch_size=5_000,
        )


def tallies_drift(stored: Tallies, recount: Tallies) -> dict[TallyKey, tuple[int, int]]:
    """Keys where the stored tally differs from the recount: ``{key: (stored, recounted)}``."""
    return {
        key: (stored.get(key, 0), recount.get(key, 0))
        for key in set(stored) | set(recount)
        if stored.get(key, 0) != recount.get(key, 0)
    }
