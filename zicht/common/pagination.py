"""A paginator for searches that counts only up to a cap.

A search for a very common family name can find thousands of rows; nobody pages through them, and
counting them all costs as much as finding them. ``CappedPaginator`` counts at most ``cap + 1``
rows (``COUNT(*)`` over a ``LIMIT cap + 1`` subquery) and offers the first ``cap`` rows in pages;
``more`` tells the page to say "more than <cap> found" and ask for a narrower search.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Searches count up to this many rows and show no more (20 pages of 25).
SEARCH_COUNT_CAP = 500


class CappedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, cap: int = SEARCH_COUNT_CAP, **kwargs: Any) -> None:
        if cap < 1:
            raise ValueError(f"cap must be at least 1, not {cap}")
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def _counted(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        """The number of rows offered: all found, or ``cap`` when there are more."""
        return min(self._counted, self.cap)

    @property
    def more(self) -> bool:
        """True when the search found more rows than ``cap`` (and only ``cap`` are offered)."""
        return self._counted > self.cap
