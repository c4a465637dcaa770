import pytest

from zicht.stats import cache


@pytest.fixture(autouse=True)
def _fresh_stats_cache():
    """Ids repeat between tests (rolled back), so a cached table must not outlive its test."""
    cache.clear()
    yield
    cache.clear()
