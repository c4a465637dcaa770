"""A paginator for searches that counts only up to a cap.

A search for a very common family name can find thousands of rows; nobody pages through them, and
counting them all costs as much as finding them. ``CappedPaginator`` counts at most ``cap + 1``
rows (``COUNT(*)`` over a ``LIMIT cap + 1`` subquery) and offers the first ``cap`` rows in pages;
``more`` tells the page to say "more than <cap> found" and ask for a narrower search.

A page is read in two steps: the keys of its rows in the list's order (a narrow query that an
index can answer), then those rows with everything the page shows (joins, prefetches). Sorting
thousands of matches then moves keys and dates, not whole rows joined to their young person.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

# Searches count up to this many rows and show no more (20 pages of 25).
SEARCH_COUNT_CAP = 500


class CappedPaginator(Paginator):
    """``object_list``: the search, ordered (a queryset). ``rows``: the queryset that reads the
    shown rows (with its joins and prefetches) once their keys are known; without it the search
    itself is narrowed to the keys (and runs again)."""

    def __init__(
        self,
        object_list: QuerySet[Any],
        per_page: int,
        *,
        cap: int | None = None,
        rows: QuerySet[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        cap = SEARCH_COUNT_CAP if cap is None else cap
        if cap < 1:
            raise ValueError(f"cap must be at least 1, not {cap}")
        super().__init__(object_list, per_page, **kwargs)
        self.search: QuerySet[Any] = object_list
        self.cap = cap
        self.rows = rows

    @cached_property
    def _counted(self) -> int:
        # Unordered: the order does not change the count, and an ORDER BY would sort every match.
        return self.search.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        """The number of rows offered: all found, or ``cap`` when there are more."""
        return min(self._counted, self.cap)

    @property
    def more(self) -> bool:
        """True when the search found more rows than ``cap`` (and only ``cap`` are offered)."""
        return self._counted > self.cap

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.search.prefetch_related(None).values_list("pk", flat=True)[bottom:top])
        source = self.search if self.rows is None else self.rows
        found = {row.pk: row for row in source.filter(pk__in=keys)}
        return Page([found[key] for key in keys if key in found], number, self)
