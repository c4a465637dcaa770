"""The rate-limit counter store behaves as Django's own local-memory cache does for the operations
django-ratelimit uses (the oracle), lets entries expire, and costs one statement per count."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.accounts import counter_cache
from zicht.accounts.counter_cache import CounterCache, purge_expired

KEYS = st.sampled_from(["a", "b", "rl:ip:1.2.3.4"])
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), KEYS, st.integers(-5, 5)),
        st.tuples(st.just("set"), KEYS, st.integers(-5, 5)),
        st.tuples(st.just("incr"), KEYS, st.integers(-3, 3)),
        st.tuples(st.just("get"), KEYS, st.none()),
        st.tuples(st.just("delete"), KEYS, st.none()),
    ),
    max_size=30,
)


def _apply(cache, operation: str, key: str, value):
    try:
        if operation in ("add", "set"):
            return getattr(cache, operation)(key, value, None)
        if operation == "incr":
            return cache.incr(key, value)
        return getattr(cache, operation)(key)
    except ValueError:
        return "missing"


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(operations=OPERATIONS)
def test_the_counter_store_answers_as_django_locmem_cache(operations) -> None:
    ours = CounterCache("", {})
    ours.clear()
    oracle = LocMemCache(f"oracle-{id(operations)}", {})
    oracle.clear()
    for operation, key, value in operations:
        assert _apply(ours, operation, key, value) == _apply(oracle, operation, key, value), (operation, key)


@pytest.mark.django_db
def test_an_expired_counter_starts_again_and_is_purged(monkeypatch) -> None:
    cache = CounterCache("", {})
    now = 1_000_000.0
    monkeypatch.setattr(counter_cache.time, "time", lambda: now)
    assert cache.add("k", 1, 60) is True and cache.incr("k") == 2 and cache.add("k", 1, 60) is False
    now += 61
    assert cache.get("k") is None
    with pytest.raises(ValueError):
        cache.incr("k")
    assert purge_expired() == 1
    assert cache.add("k", 1, 60) is True and cache.get("k") == 1


@pytest.mark.django_db
def test_counting_a_request_costs_one_statement_per_operation() -> None:
    cache = caches["ratelimit"]
    with CaptureQueriesContext(connection) as first:
        assert cache.add("rl:x", 1, 60) is True
    with CaptureQueriesContext(connection) as later:
        assert cache.add("rl:x", 1, 60) is False
        assert cache.incr("rl:x") == 2
    assert len(first.captured_queries) == 1 and len(later.captured_queries) == 2


def test_only_integers_are_stored() -> None:
    with pytest.raises(TypeError):
        CounterCache("", {})._int("3")
