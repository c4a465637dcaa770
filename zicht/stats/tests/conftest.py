import pytest

from zicht.stats import cache


@pytest.fixture(autouse=True)
def _fresh_stats_cache():  # noqa: ANN202
    """Ids repeat between tests (rolled back), so a cached table must not outlive its test."""
    cache.clear()
    yield
    cache.clear()
