"""Statistical tables: plain, immutable count tables that the disclosure layer protects.

A ``StatTable`` holds TRUE counts and never leaves the server as is: every screen, chart and
export goes through ``zicht.stats.disclosure.protect`` (or, for an audited exact view of a
coordinator's own organisation, ``zicht.stats.disclosure.exact``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class StatTable:
    """A two-way table of counts over a period.

    ``row_totals``/``column_totals`` say whether the cells of a row/column add up to a
    meaningful total (they do not when a unit may be counted in several columns, e.g.
    overlapping age bands or "of whom" columns). The grand total is shown only when both hold.
    """

    key: str
    title: str
    row_label: str
    column_label: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]
    query: str
    period_start: date
    period_end: date
    row_totals: bool = True
    column_totals: bool = True
    unit: str = ""
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if len(self.cells) != len(self.rows):
            raise ValueError(f"{self.key}: {len(self.cells)} cell rows for {len(self.rows)} row labels")
        for row in self.cells:
            if len(row) != len(self.columns):
                raise ValueError(f"{self.key}: a row has {len(row)} cells for {len(self.columns)} columns")
            for value in row:
                if not isinstance(value, int) or value < 0:
                    raise ValueError(f"{self.key}: counts are non-negative integers, got {value!r}")
        if self.period_end < self.period_start:
            raise ValueError(f"{self.key}: period ends ({self.period_end}) before it starts ({self.period_start})")

    @property
    def grand_total(self) -> bool:
        return self.row_totals and self.column_totals

    def row_sums(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.cells)

    def column_sums(self) -> tuple[int, ...]:
        return tuple(sum(row[j] for row in self.cells) for j in range(len(self.columns)))

    def total(self) -> int:
        return sum(self.row_sums())

    def value(self, row: str, column: str) -> int:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    def is_empty(self) -> bool:
        return not self.rows or not self.columns or self.total() == 0


def table_from_counts(
    *,
    key: str,
    title: str,
    row_label: str,
    column_label: str,
    rows: Iterable[tuple[str, str]] | Iterable[str],
    columns: Iterable[tuple[str, str]] | Iterable[str],
    counts: Mapping[tuple[str, str], int],
    query: str,
    period_start: date,
    period_end: date,
    **options: Any,
) -> StatTable:
    """Build a table from ``{(row_code, column_code): count}``.

    ``rows``/``columns`` are codes or ``(code, label)`` pairs in display order; missing
    combinations count as 0 and counts for unknown codes raise (they would silently vanish).
    """
    row_pairs = [_pair(r) for r in rows]
    column_pairs = [_pair(c) for c in columns]
    row_codes = {code for code, _label in row_pairs}
    column_codes = {code for code, _label in column_pairs}
    for row_code, column_code in counts:
        if row_code not in row_codes or column_code not in column_codes:
            raise ValueError(f"{key}: count for unknown category ({row_code!r}, {column_code!r})")
    cells = tuple(tuple(int(counts.get((r, c), 0)) for c, _cl in column_pairs) for r, _rl in row_pairs)
    return StatTable(
        key=key,
        title=str(title),
        row_label=str(row_label),
        column_label=str(column_label),
        rows=tuple(str(label) for _code, label in row_pairs),
        columns=tuple(str(label) for _code, label in column_pairs),
        cells=cells,
        query=str(query),
        period_start=period_start,
        period_end=period_end,
        **options,
    )


def single_column(
    *,
    key: str,
    title: str,
    row_label: str,
    column_label: str,
    rows: Iterable[tuple[str, str]] | Iterable[str],
    counts: Mapping[str, int],
    query: str,
    period_start: date,
    period_end: date,
    **options: object,
) -> StatTable:
    """A one-column table (a breakdown) from ``{row_code: count}``; rows add up to the column total."""
    options.setdefault("row_totals", False)
    return table_from_counts(
        key=key,
        title=title,
        row_label=row_label,
        column_label=column_label,
        rows=rows,
        columns=[("n", column_label)],
        counts={(code, "n"): n for code, n in counts.items()},
        query=query,
        period_start=period_start,
        period_end=period_end,
        **options,
    )


def _pair(item: tuple[str, str] | str) -> tuple[str, str]:
    if isinstance(item, tuple):
        return str(item[0]), str(item[1])
    return str(item), str(item)
