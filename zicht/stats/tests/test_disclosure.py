"""Disclosure control: properties over generated small populations, and worked examples."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from zicht.stats.disclosure import CellState, ProtectedCell, exact, protect
from zicht.stats.tables import StatTable
from zicht.stats.tests.recompute import exposed_entries, rounded

THRESHOLD, ROUNDING = 10, 5
START, END = date(2022, 1, 1), date(2022, 12, 31)

# Counts of small populations: many zeros and small counts, some larger ones.
count = st.one_of(st.just(0), st.integers(1, 9), st.integers(1, 9), st.integers(10, 40))


@st.composite
def small_tables(draw: st.DrawFn) -> StatTable:
    n_rows, n_cols = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    cells = tuple(tuple(draw(count) for _ in range(n_cols)) for _ in range(n_rows))
    return StatTable(
        key="generated",
        title="Generated",
        row_label="row",
        column_label="column",
        rows=tuple(f"r{i}" for i in range(n_rows)),
        columns=tuple(f"c{j}" for j in range(n_cols)),
        cells=cells,
        query="generated population",
        period_start=START,
        period_end=END,
        row_totals=draw(st.booleans()) or n_cols > 1 and draw(st.booleans()),
        column_totals=draw(st.booleans()) or True,
    )


def published_entries(table):
    return table.all_cells()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_tables())
def test_protected_tables_publish_no_small_count_and_expose_no_suppressed_cell(table: StatTable) -> None:
    published = protect(table, threshold=THRESHOLD, rounding=ROUNDING)
    for cell in published_entries(published):
        if cell.suppressed:
            assert cell.value is None
            continue
        assert not 1 <= cell.value < THRESHOLD, cell
        assert cell.value % ROUNDING == 0, cell
    assert exposed_entries(published, table) == []


@settings(max_examples=300, deadline=None)
@given(small_tables())
def test_published_values_follow_the_rounding_rule_from_the_true_values(table: StatTable) -> None:
    published = protect(table, threshold=THRESHOLD, rounding=ROUNDING)
    for i, row in enumerate(table.cells):
        for j, true_value in enumerate(row):
            cell = published.cells[i][j]
            if true_value == 0:
                assert cell.state == CellState.ZERO and cell.value == 0
            elif true_value < THRESHOLD:
                assert cell.state == CellState.PRIMARY and cell.label == "< 10"
            elif cell.state == CellState.PUBLISHED:
                assert cell.value == rounded(true_value, ROUNDING, THRESHOLD)
            else:
                assert cell.state == CellState.SECONDARY and cell.label == "×"
    if published.grand_total is not None and not published.grand_total.suppressed:
        # margins come from the true values, not from the rounded cells
        assert published.grand_total.value == rounded(table.total(), ROUNDING, THRESHOLD) or table.total() == 0


@settings(max_examples=200, deadline=None)
@given(small_tables(), st.sampled_from([(5, 3), (3, 2), (12, 5), (10, 10)]))
def test_other_thresholds_and_bases(table: StatTable, params: tuple[int, int]) -> None:
    threshold, base = params
    published = protect(table, threshold=threshold, rounding=base)
    for cell in published_entries(published):
        if not cell.suppressed:
            assert cell.value == 0 or (cell.value >= threshold and cell.value % base == 0)
    assert exposed_entries(published, table) == []


@st.composite
def wide_columns(draw: st.DrawFn) -> StatTable:
    """One column of up to 11 categories of small counts (districts, sectors): the long lines."""
    n_rows = draw(st.integers(2, 11))
    values = tuple(
        (draw(st.one_of(st.just(0), st.integers(1, 3), st.integers(1, 9), st.integers(10, 25))),) for _ in range(n_rows)
    )
    return StatTable(
        "wide",
        "Wide",
        "row",
        "n",
        tuple(f"r{i}" for i in range(n_rows)),
        ("n",),
        values,
        "q",
        START,
        END,
        row_totals=False,
    )


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_columns())
@example(
    _nine_ones := StatTable(
        "wide",
        "Wide",
        "row",
        "n",
        tuple(f"r{i}" for i in range(9)),
        ("n",),
        ((1,),) * 9,
        "q",
        START,
        END,
        row_totals=False,
    )
)
def test_long_lines_expose_nothing(table: StatTable) -> None:
    published = protect(table, threshold=THRESHOLD, rounding=ROUNDING)
    for cell in published_entries(published):
        assert cell.suppressed or cell.value == 0 or (cell.value >= THRESHOLD and cell.value % ROUNDING == 0)
    assert exposed_entries(published, table) == []


def test_nine_ones_below_the_threshold_withhold_the_table() -> None:
    """Zeros are exact, so nine hidden categories with a hidden total below 10 must all be 1."""
    published = protect(_nine_ones)
    assert published.withheld and {c.label for c in published.all_cells()} == {"."}
    assert not protect(replace(_nine_ones, cells=((1,),) * 8 + ((2,),))).withheld


def _table(cells, **options) -> StatTable:
    rows = tuple(f"r{i}" for i in range(len(cells)))
    columns = tuple(f"c{j}" for j in range(len(cells[0])))
    return StatTable("t", "T", "r", "c", rows, columns, tuple(map(tuple, cells)), "q", START, END, **options)


def test_single_suppressed_cell_in_a_row_gets_the_smallest_companion() -> None:
    published = protect(_table([[3, 20, 30], [25, 40, 50]]), threshold=10, rounding=5)
    labels = [[c.label for c in row] for row in published.cells]
    # 3 is primary; 20 is the smallest other cell in its row, 25 in its column; then 40 repairs
    # the second row and the second column at once.
    assert labels[0][:2] == ["< 10", "×"]
    assert sum(c.suppressed for row in published.cells for c in row) >= 4
    assert exposed_entries(published, _table([[3, 20, 30], [25, 40, 50]])) == []


def test_zero_stays_zero_and_exact_view_shows_true_counts() -> None:
    table = _table([[0, 7], [12, 13]])
    assert protect(table).cells[0][0].label == "0"
    shown = exact(table)
    assert [[c.value for c in row] for row in shown.cells] == [[0, 7], [12, 13]]
    assert shown.grand_total.value == 32 and not shown.protected


def test_source_document_table_is_all_below_threshold() -> None:
    table = _table([[6, 4], [4, 1], [2, 2]], row_totals=False)
    published = protect(table, threshold=10, rounding=5)
    assert [[c.label for c in row] for row in published.cells] == [["< 10", "< 10"]] * 3
    assert published.row_totals is None and published.grand_total is None


def _single(values: list[int], start: date, end: date) -> StatTable:
    rows = tuple(f"r{i}" for i in range(len(values)))
    return StatTable("t", "T", "r", "c", rows, ("n",), tuple((v,) for v in values), "q", start, end, row_totals=False)


def _feasible_first_cells(after_pub, before_pub, n: int = 3) -> set[tuple[int, int]]:
    """Brute force: (r0, r1) of Jan-Jul consistent with both publications and Jan-Jun <= Jan-Jul."""
    from zicht.stats.tests.recompute import knowledge

    def box(published) -> list[tuple[int, int]]:
        t, b = published.threshold, published.rounding
        return [knowledge(row[0], t, b, 60) for row in published.cells] + [
            knowledge(published.column_totals[0], t, b, 200)
        ]

    after_box, before_box = box(after_pub), box(before_pub)
    found = set()
    ranges = [range(lo, hi + 1) for lo, hi in after_box[:n]]
    for values in itertools.product(*ranges):
        if not after_box[n][0] <= sum(values) <= after_box[n][1]:
            continue
        # is there a Jan-Jun table below this one that matches its publication?
        low = [max(lo, 0) for lo, _hi in before_box[:n]]
        high = [min(hi, v) for (_lo, hi), v in zip(before_box[:n], values, strict=False)]
        if (
            all(lo <= hi for lo, hi in zip(low, high, strict=False))
            and sum(low) <= before_box[n][1]
            and sum(high) >= before_box[n][0]
        ):
            found.add(values[:2])
    return found


def test_previous_nested_period_cannot_be_used_to_difference_out_a_cell() -> None:
    """Jan-Jun [28, 0, 28] then Jan-Jul [28, 1, 28]: one new young person in row r1.

    Protected on its own, Jan-Jul shows [x, < 10, 30 | 55]; but Jan-Jun showed r0 as 30 (so
    r0 >= 28 in Jan-Jul too) and r2 >= 28, so r0 + r1 <= 57 - 28 pins r0 = 28 and r1 = 1.
    With ``previous`` the audit sees this and suppresses more.
    """
    before = _single([28, 0, 28], date(2022, 1, 1), date(2022, 6, 30))
    after = _single([28, 1, 28], date(2022, 1, 1), date(2022, 7, 31))
    before_pub = protect(before)
    alone = _feasible_first_cells(protect(after), before_pub)
    assert {r1 for _r0, r1 in alone} == {1}, "the example must be an attack on the unaware protection"
    guarded = _feasible_first_cells(protect(after, previous=before), before_pub)
    assert len({r1 for _r0, r1 in guarded}) >= 2
    assert len({r0 for r0, _r1 in guarded}) >= 2


def test_the_checker_finds_a_cell_recomputable_without_secondary_suppression() -> None:
    """Primary suppression alone, exact totals: 23 - 20 = 3 (the checker is not toothless)."""
    table = _table([[3, 20]], column_totals=False)
    published = exact(table)
    hidden = replace(
        published,
        cells=((ProtectedCell(None, CellState.PRIMARY, "< 10"), published.cells[0][1]),),
        threshold=10,
        rounding=1,
    )
    assert exposed_entries(hidden, table) == ["cell 0,0"]
    assert exposed_entries(protect(table, threshold=10, rounding=1), table) == []


def test_previous_disjoint_period_changes_nothing() -> None:
    earlier = _single([0, 15], date(2021, 1, 1), date(2021, 12, 31))
    later = _single([3, 15], date(2022, 1, 1), date(2022, 12, 31))
    assert protect(later, previous=earlier).cells == protect(later).cells


@pytest.mark.parametrize("threshold,rounding", [(0, 5), (10, 0)])
def test_bad_parameters_are_refused(threshold: int, rounding: int) -> None:
    with pytest.raises(ValueError):
        protect(_table([[1]]), threshold=threshold, rounding=rounding)
