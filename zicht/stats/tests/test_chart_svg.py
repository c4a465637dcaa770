"""Charts never draw a hidden count as a length: read back from the SVG that the page shows.

The oracle is the protected table itself: a bar exists exactly for each published non-zero
count, its length is proportional to that count, hidden counts are marked on the axis with
their label, and the legend explains the marks.
"""

from __future__ import annotations

import base64
import datetime
import re
import xml.etree.ElementTree as ET

from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.stats.charts import HEADROOM, chart_for, drawable
from zicht.stats.disclosure import CellState, ProtectedTable, exact, protect
from zicht.stats.tables import StatTable

START, END = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
NS = {"svg": "http://www.w3.org/2000/svg"}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _svg(chart) -> ET.Element:
    return ET.fromstring(base64.b64decode(chart.data_uri.split(",", 1)[1]))


def _box(group: ET.Element) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the path inside an SVG group."""
    path = group.find(".//svg:path", NS)
    numbers = [float(n) for n in NUMBER.findall(path.get("d"))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _groups(root: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {
        g.get("id"): g for g in root.iter("{http://www.w3.org/2000/svg}g") if (g.get("id") or "").startswith(prefix)
    }


def _text(group: ET.Element) -> str:
    return "".join(group.itertext()).strip()


def check_chart(table: ProtectedTable, *, vertical: bool = False) -> None:
    with translation.override("en"):
        _check_chart(table, vertical=vertical)


def _check_chart(table: ProtectedTable, *, vertical: bool) -> None:
    chart = chart_for(table, "trend" if vertical else "bars")
    drawn, note = drawable(table)
    if drawn is None:
        assert chart.data_uri == "" and note and chart.note == note
        return
    root = _svg(chart)
    bars, marks = _groups(root, "bar-"), _groups(root, "mark-")
    (x0, y0, x1, y1) = _box(_groups(root, "plot-area")["plot-area"])
    axis_length = (y1 - y0) if vertical else (x1 - x0)
    scale = None
    largest = max((c.value for row in drawn.cells for c in row if c.state == CellState.PUBLISHED), default=0)
    for i, row in enumerate(drawn.cells):
        for j, cell in enumerate(row):
            key = f"{i}-{j}"
            if cell.state == CellState.PUBLISHED and cell.value:
                assert f"mark-{key}" not in marks
                bx0, by0, bx1, by1 = _box(bars[f"bar-{key}"])
                length = (by1 - by0) if vertical else (bx1 - bx0)
                scale = scale or length / cell.value
                assert abs(length - cell.value * scale) < 0.01 * length + 0.05, (key, length, cell.value)
            else:
                # no bar at all for a hidden count or a zero; its label is on the axis
                assert f"bar-{key}" not in bars, (key, cell)
                assert _text(marks[f"mark-{key}"]) == cell.label
    assert len(bars) == sum(1 for row in drawn.cells for c in row if c.state == CellState.PUBLISHED and c.value)
    if largest:
        # the axis is scaled to the published values, not to a hidden one or to the threshold
        assert abs(largest * scale - axis_length / HEADROOM) < 0.02 * axis_length
    legend = " ".join(root.itertext())
    states = {c.state for row in drawn.cells for c in row}
    assert ("too few to show" in legend) == (CellState.PRIMARY in states)
    assert ("cannot be recomputed" in legend) == (CellState.SECONDARY in states)


def _table(cells: list[list[int]], *, margins: bool = True) -> StatTable:
    rows = tuple(f"Group {i}" for i in range(len(cells)))
    columns = tuple(f"Kind {j}" for j in range(len(cells[0])))
    return StatTable(
        "t",
        "Test",
        "Group",
        "Kind",
        rows,
        columns,
        tuple(tuple(r) for r in cells),
        "q",
        START,
        END,
        row_totals=margins,
        column_totals=margins,
    )


counts = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 400))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 6).flatmap(
        lambda n_cols: st.lists(st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=1, max_size=8)
    ),
    st.booleans(),
    st.booleans(),
)
def test_no_bar_encodes_a_hidden_count(cells, margins, vertical) -> None:
    table = protect(_table(cells, margins=margins))
    if table.withheld:
        assert chart_for(table) is None
        return
    check_chart(table, vertical=vertical)


def test_sector_chart_from_the_issue_shows_the_published_totals() -> None:
    """Most of the split is hidden, the row totals (about 40 and 55) are published: chart the totals."""
    cells = [[38, 4], [50, 6], [12, 3], [7, 5], [3, 2], [8, 3], [4, 1], [2, 1], [1, 0], [6, 3]]
    table = protect(_table(cells))
    assert sum(c.state in (CellState.PRIMARY, CellState.SECONDARY) for row in table.cells for c in row) > len(cells)
    drawn, note = drawable(table)
    assert len(drawn.columns) == 1 and note
    assert [c.label for c in drawn.column_values(0)][:2] == [table.row_totals[0].label, table.row_totals[1].label]
    check_chart(table)


def test_a_table_with_most_counts_and_totals_hidden_has_no_chart_but_a_reason() -> None:
    table = protect(_table([[3, 2], [4, 1], [2, 2], [30, 40]]))
    with translation.override("en"):
        chart = chart_for(table)
    assert chart.data_uri == "" and "most counts" in chart.note


def test_exact_tables_draw_every_count() -> None:
    table = exact(_table([[3, 2], [14, 0]]))
    check_chart(table)
    assert len(_groups(_svg(chart_for(table)), "bar-")) == 3
