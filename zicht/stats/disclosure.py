"""Disclosure control: the ONE layer every statistical screen, chart and export goes through.

``protect`` turns a table of true counts into what may be published:

* a zero stays 0. A zero is a *structural* fact ("nobody in this category") that singles out
  no person, and suppressing zeros would force suppression of most small tables (every empty
  category would need a complementary cell) while protecting nobody. The price is that zeros
  are exact, published knowledge; the audit below treats them as such, so they can never help
  to recompute a suppressed cell.
* a count from 1 to threshold-1 is suppressed (primary suppression), shown as "< 10";
* every other count is rounded to the nearest multiple of ``rounding`` (halves up); a
  rounded value below the threshold is raised to the smallest multiple at or above it, so
  no published value lies between 1 and threshold-1;
* row/column totals and the grand total are computed from the TRUE values and then protected
  the same way (they are never sums of rounded cells);
* secondary (complementary) suppression: (1) in every line (a row or column together with its
  total) a single suppressed entry gets a companion: the smallest other published non-zero
  entry, repeated until stable; (2) an audit then computes, for every suppressed entry, the
  smallest and largest value consistent with everything published (the exact zeros, the
  rounding intervals, "< threshold" for primary and ">= threshold" for secondary entries, the
  additivity of the table, and, when ``previous`` covers a period nested in this one or the
  other way round, the monotonicity of counts between the two periods). An entry whose
  minimum equals its maximum would be recomputable exactly: the smallest published entry in
  one of its lines is suppressed too, and the audit runs again. The constraint matrix of a
  table with margins is totally unimodular, so the linear-programming bounds are exactly the
  integer bounds.

When no published entry is left to suppress and a value is still pinned (possible only because
zeros are exact: nine categories of 1 whose total is below 10 are all 1), the whole table is
withheld: every entry, zeros included, is shown as ".".

Secondary suppressions are shown as "x" with an explanation, not as "< 10": they may hold any
count and labelling them "< 10" would be untrue.

Pure functions: no Django model access (only settings for the defaults).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

import numpy as np
from django.conf import settings
from scipy.optimize import linprog

from zicht.stats.tables import StatTable

SECONDARY_MARK = "×"
WITHHELD_MARK = "."


class CellState(StrEnum):
    ZERO = "zero"
    PUBLISHED = "published"  # rounded (protected) or exact (unprotected view)
    PRIMARY = "primary"  # suppressed: 1 .. threshold-1
    SECONDARY = "secondary"  # suppressed to protect another entry
    WITHHELD = "withheld"  # the whole table is withheld (see ``suppression_pattern``)


@dataclass(frozen=True)
class ProtectedCell:
    value: int | None
    state: CellState
    label: str

    @property
    def suppressed(self) -> bool:
        return self.state in (CellState.PRIMARY, CellState.SECONDARY, CellState.WITHHELD)


@dataclass(frozen=True)
class ProtectedTable:
    """What may be shown of a ``StatTable``: cells, margins and metadata, never true small counts."""

    key: str
    title: str
    row_label: str
    column_label: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[ProtectedCell, ...], ...]
    row_totals: tuple[ProtectedCell, ...] | None
    column_totals: tuple[ProtectedCell, ...] | None
    grand_total: ProtectedCell | None
    query: str
    period_start: object
    period_end: object
    protected: bool
    threshold: int
    rounding: int
    unit: str = ""
    notes: tuple[str, ...] = ()

    @property
    def has_suppression(self) -> bool:
        return any(cell.suppressed for cell in self.all_cells())

    @property
    def withheld(self) -> bool:
        return any(cell.state == CellState.WITHHELD for cell in self.all_cells())

    @property
    def has_secondary(self) -> bool:
        return any(cell.state == CellState.SECONDARY for cell in self.all_cells())

    def all_cells(self) -> list[ProtectedCell]:
        found = [cell for row in self.cells for cell in row]
        found += list(self.row_totals or ()) + list(self.column_totals or ())
        if self.grand_total is not None:
            found.append(self.grand_total)
        return found

    def body_rows(self) -> list[tuple[str, tuple[ProtectedCell, ...], ProtectedCell | None]]:
        """(row label, cells, row total or None) for templates and writers."""
        totals = self.row_totals or (None,) * len(self.rows)
        return list(zip(self.rows, self.cells, totals, strict=False))

    def column_values(self, column: int = 0) -> list[ProtectedCell]:
        return [row[column] for row in self.cells]


# --- rounding ------------------------------------------------------------------------------------


def round_count(value: int, base: int) -> int:
    """Round to the nearest multiple of ``base`` (halves up)."""
    return (value + base // 2) // base * base


def smallest_published(threshold: int, base: int) -> int:
    return math.ceil(threshold / base) * base


def published_value(value: int, threshold: int, base: int) -> int:
    return max(round_count(value, base), smallest_published(threshold, base))


def published_interval(published: int, threshold: int, base: int) -> tuple[int, int]:
    """All true values >= threshold that are published as ``published``."""
    high = published + (base - 1) // 2
    if published == smallest_published(threshold, base):
        return threshold, high
    return max(threshold, published - base // 2), high


# --- the protection -----------------------------------------------------------------------------


def protect(
    table: StatTable,
    *,
    threshold: int | None = None,
    rounding: int | None = None,
    previous: StatTable | None = None,
) -> ProtectedTable:
    """Protect ``table`` for publication (see the module docstring for the rules)."""
    threshold = settings.ZICHT_DISCLOSURE_THRESHOLD if threshold is None else threshold
    rounding = settings.ZICHT_DISCLOSURE_ROUNDING if rounding is None else rounding
    if threshold < 1 or rounding < 1:
        raise ValueError(f"threshold and rounding must be positive, got {threshold} and {rounding}")
    return _protect_cached(table, threshold, rounding, previous)


def exact(table: StatTable) -> ProtectedTable:
    """The unprotected table (exact counts) for an audited view of one's own organisation."""
    grid = _Grid.from_table(table)
    states = {entry: (CellState.ZERO if value == 0 else CellState.PUBLISHED) for entry, value in grid.values.items()}
    return _assemble(table, grid, states, threshold=0, rounding=1, protected=False)


@lru_cache(maxsize=512)
def _protect_cached(table: StatTable, threshold: int, rounding: int, previous: StatTable | None) -> ProtectedTable:
    grid = _Grid.from_table(table)
    states = suppression_pattern(grid, threshold, rounding, previous=previous)
    return _assemble(table, grid, states, threshold=threshold, rounding=rounding, protected=True)


Entry = tuple[int, int]


@dataclass
class _Grid:
    """The table with its margins: entry (i, j); i == n_rows is the totals row, j == n_cols the totals column."""

    table: StatTable
    n_rows: int
    n_cols: int
    values: dict[Entry, int]
    lines: list[tuple[tuple[Entry, ...], Entry]]  # (cells, total) with sum(cells) == total

    @classmethod
    def from_table(cls, table: StatTable) -> _Grid:
        r, c = len(table.rows), len(table.columns)
        values: dict[Entry, int] = {(i, j): table.cells[i][j] for i in range(r) for j in range(c)}
        lines: list[tuple[tuple[Entry, ...], Entry]] = []
        if table.row_totals and c:
            for i in range(r):
                values[(i, c)] = sum(table.cells[i])
                lines.append((tuple((i, j) for j in range(c)), (i, c)))
        if table.column_totals and r:
            for j in range(c):
                values[(r, j)] = sum(table.cells[i][j] for i in range(r))
                lines.append((tuple((i, j) for i in range(r)), (r, j)))
        if table.grand_total and r and c:
            values[(r, c)] = sum(values[(i, c)] for i in range(r))
            lines.append((tuple((r, j) for j in range(c)), (r, c)))
            lines.append((tuple((i, c) for i in range(r)), (r, c)))
        return cls(table, r, c, values, lines)


def suppression_pattern(
    grid: _Grid, threshold: int, rounding: int, *, previous: StatTable | None = None
) -> dict[Entry, CellState]:
    """Primary suppression, then secondary suppression until no suppressed entry is exposed."""
    states: dict[Entry, CellState] = {}
    for entry, value in grid.values.items():
        if value == 0:
            states[entry] = CellState.ZERO
        elif value < threshold:
            states[entry] = CellState.PRIMARY
        else:
            states[entry] = CellState.PUBLISHED
    previous_info = _previous_info(grid, previous, threshold, rounding)
    for _round in range(len(states) + 1):
        _line_rule(grid, states)
        exposed = _exposed_entries(grid, states, threshold, rounding, previous_info)
        if not exposed:
            return states
        companion = _companion_for(grid, states, exposed[0])
        if companion is None:
            # Everything non-zero is hidden and a value is still pinned, because the exact zeros
            # tell that every hidden count is at least 1 (e.g. nine categories of 1 with a total
            # below 10). Nothing can be shown honestly: withhold the whole table, zeros included.
            return {entry: CellState.WITHHELD for entry in states}
        states[companion] = CellState.SECONDARY
    return {entry: CellState.WITHHELD for entry in states}


def _line_rule(grid: _Grid, states: dict[Entry, CellState]) -> None:
    """No line may hold exactly one suppressed entry: give it the smallest published companion.

    A candidate that also sits in another line with a single suppressed entry is preferred,
    so one companion repairs two lines (fewer cells lost).
    """

    def suppressed_in(members: tuple[Entry, ...]) -> int:
        return sum(states[e] in (CellState.PRIMARY, CellState.SECONDARY) for e in members)

    members_of = [(*cells, total) for cells, total in grid.lines]
    changed = True
    while changed:
        changed = False
        for members in members_of:
            if suppressed_in(members) != 1:
                continue
            candidates = [e for e in members if states[e] == CellState.PUBLISHED]
            if not candidates:
                continue

            def repairs_other(entry: Entry, current: tuple[Entry, ...] = members) -> bool:
                return any(entry in other and other != current and suppressed_in(other) == 1 for other in members_of)

            best = min(candidates, key=lambda e: (not repairs_other(e), *_rank(grid, e)))
            states[best] = CellState.SECONDARY
            changed = True


def _rank(grid: _Grid, entry: Entry) -> tuple:
    # Smallest value first; on ties an inner cell before a total, then reading order.
    return (grid.values[entry], entry[0] == grid.n_rows or entry[1] == grid.n_cols, entry)


def _smallest(grid: _Grid, candidates: list[Entry]) -> Entry:
    return min(candidates, key=lambda e: _rank(grid, e))


def _companion_for(grid: _Grid, states: dict[Entry, CellState], exposed: Entry) -> Entry | None:
    near = [
        e
        for cells, total in grid.lines
        if exposed in cells or exposed == total
        for e in (*cells, total)
        if states[e] == CellState.PUBLISHED
    ]
    if near:
        return _smallest(grid, near)
    anywhere = [e for e, state in states.items() if state == CellState.PUBLISHED]
    return _smallest(grid, anywhere) if anywhere else None


def _bounds(state: CellState, value: int, threshold: int, rounding: int) -> tuple[int, int | None]:
    if state == CellState.ZERO:
        return 0, 0
    if state == CellState.PRIMARY:
        return 1, threshold - 1
    if state == CellState.SECONDARY:
        return threshold, None
    if state == CellState.WITHHELD:
        return 0, None
    return published_interval(published_value(value, threshold, rounding), threshold, rounding)


@dataclass(frozen=True)
class _PreviousInfo:
    bounds: dict[Entry, tuple[int, int | None]]
    pairs: list[tuple[Entry, Entry]]  # (current entry, previous entry) that are related
    previous_is_smaller: bool  # previous period nested in the current one: prev <= cur


def _previous_info(grid: _Grid, previous: StatTable | None, threshold: int, rounding: int) -> _PreviousInfo | None:
    """What the publication of ``previous`` tells about this table (only when the periods are nested)."""
    if previous is None:
        return None
    current = grid.table
    if previous.period_start >= current.period_start and previous.period_end <= current.period_end:
        smaller = True
    elif current.period_start >= previous.period_start and current.period_end <= previous.period_end:
        smaller = False
    else:
        return None  # disjoint or partly overlapping periods: no arithmetic relation between the counts
    prev_grid = _Grid.from_table(previous)
    prev_states = suppression_pattern(prev_grid, threshold, rounding)
    bounds = {e: _bounds(prev_states[e], v, threshold, rounding) for e, v in prev_grid.values.items()}
    row_index = {label: i for i, label in enumerate(previous.rows)}
    col_index = {label: j for j, label in enumerate(previous.columns)}
    row_index["__total__"], col_index["__total__"] = prev_grid.n_rows, prev_grid.n_cols
    rows = list(current.rows) + ["__total__"]
    cols = list(current.columns) + ["__total__"]
    pairs = []
    for i, j in grid.values:
        pi, pj = row_index.get(rows[i]), col_index.get(cols[j])
        if pi is not None and pj is not None and (pi, pj) in prev_grid.values:
            pairs.append(((i, j), (pi, pj)))
    return _PreviousInfo(bounds, pairs, smaller)


def _exposed_entries(
    grid: _Grid,
    states: dict[Entry, CellState],
    threshold: int,
    rounding: int,
    previous: _PreviousInfo | None,
) -> list[Entry]:
    """Suppressed entries whose value is pinned to one number by the published information."""
    suppressed = [e for e, s in states.items() if s in (CellState.PRIMARY, CellState.SECONDARY)]
    if not suppressed or (not grid.lines and previous is None):
        return []  # nothing hidden, or no arithmetic relation that could expose it
    entries = list(grid.values)
    index = {e: k for k, e in enumerate(entries)}
    bounds = [_bounds(states[e], grid.values[e], threshold, rounding) for e in entries]
    n_current = len(entries)
    a_ub: list[list[float]] = []
    if previous is not None:
        prev_entries = list(previous.bounds)
        prev_index = {e: n_current + k for k, e in enumerate(prev_entries)}
        bounds += [previous.bounds[e] for e in prev_entries]
        for cur, prev in previous.pairs:
            row = [0.0] * len(bounds)
            # previous nested in current: prev - cur <= 0; otherwise cur - prev <= 0
            row[prev_index[prev]], row[index[cur]] = (1.0, -1.0) if previous.previous_is_smaller else (-1.0, 1.0)
            a_ub.append(row)
    a_eq = []
    for cells, total in grid.lines:
        row = [0.0] * len(bounds)
        for e in cells:
            row[index[e]] = 1.0
        row[index[total]] = -1.0
        a_eq.append(row)
    exposed = []
    for entry in suppressed:
        low = _optimise(index[entry], bounds, a_eq, a_ub, sign=1.0)
        high = _optimise(index[entry], bounds, a_eq, a_ub, sign=-1.0)
        if low is not None and high is not None and math.isclose(low, high, abs_tol=0.5):
            exposed.append(entry)
    return exposed


def _optimise(k: int, bounds: list, a_eq: list, a_ub: list, *, sign: float) -> float | None:
    """Min (sign=1) or max (sign=-1) of variable k; None when unbounded or infeasible."""
    objective = np.zeros(len(bounds))
    objective[k] = sign
    result = linprog(
        objective,
        A_ub=np.array(a_ub) if a_ub else None,
        b_ub=np.zeros(len(a_ub)) if a_ub else None,
        A_eq=np.array(a_eq) if a_eq else None,
        b_eq=np.zeros(len(a_eq)) if a_eq else None,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        return None
    return sign * result.fun


def _assemble(
    table: StatTable, grid: _Grid, states: dict[Entry, CellState], *, threshold: int, rounding: int, protected: bool
) -> ProtectedTable:
    def cell(entry: Entry) -> ProtectedCell:
        state, value = states[entry], grid.values[entry]
        if state == CellState.ZERO:
            return ProtectedCell(0, state, "0")
        if state == CellState.PRIMARY:
            return ProtectedCell(None, state, f"< {threshold}")
        if state == CellState.SECONDARY:
            return ProtectedCell(None, state, SECONDARY_MARK)
        if state == CellState.WITHHELD:
            return ProtectedCell(None, state, WITHHELD_MARK)
        shown = published_value(value, threshold, rounding) if protected else value
        return ProtectedCell(shown, state, str(shown))

    r, c = grid.n_rows, grid.n_cols
    return ProtectedTable(
        key=table.key,
        title=table.title,
        row_label=table.row_label,
        column_label=table.column_label,
        rows=table.rows,
        columns=table.columns,
        cells=tuple(tuple(cell((i, j)) for j in range(c)) for i in range(r)),
        row_totals=tuple(cell((i, c)) for i in range(r)) if table.row_totals and c else None,
        column_totals=tuple(cell((r, j)) for j in range(c)) if table.column_totals and r else None,
        grand_total=cell((r, c)) if (r, c) in grid.values else None,
        query=table.query,
        period_start=table.period_start,
        period_end=table.period_end,
        protected=protected,
        threshold=threshold,
        rounding=rounding,
        unit=table.unit,
        notes=table.notes,
    )


def with_title(table: ProtectedTable, title: str) -> ProtectedTable:
    return replace(table, title=title)
