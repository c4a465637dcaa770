"""Charts drawn on the server (matplotlib, Agg) from PROTECTED tables only, as SVG.

A page shows a chart's outline at once (``chart_outline``: text alternative and note, no drawing)
and the browser fetches the picture from its own URL (``chart_svg``); ``chart_for`` gives both
in one, the picture as a data URI.

A chart never sees a true count: it takes a ``ProtectedTable``, and only a published count is
drawn as a length. A hidden count (primary "< 10" or secondary "×") and a zero get no bar: their
label sits on the axis, and the legend explains both marks. The axis is scaled to the published
values. When most counts of a table are hidden, a chart would mostly show gaps: it then shows
the published row totals instead, or, when those are hidden too, no chart at all, with a
sentence saying why (the table beside it shows what may be published). Each chart comes with a
text alternative. Colours have at least 4.5:1 contrast on white.

Bars carry the SVG id ``bar-<row>-<column>`` and axis marks ``mark-<row>-<column>``; the plot
area is ``plot-area`` (the tests read the SVG by these ids).
"""

from __future__ import annotations

import base64
import io
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from zicht.stats.disclosure import CellState, ProtectedCell, ProtectedTable

PALETTE = ("#1f5f99", "#b3541e", "#2e7d32", "#6a3d9a", "#a11d4a", "#4a4a4a")
TEXT_COLOUR = "#1a1a1a"
HIDDEN = (CellState.PRIMARY, CellState.SECONDARY)
DRAWING = threading.Lock()  # pyplot keeps global state: one drawing at a time per process
HEADROOM = 1.15  # the longest bar ends at 1/HEADROOM of the axis, leaving room for its label

plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.edgecolor": "#555555", "text.color": TEXT_COLOUR})


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    data_uri: str  # empty when the table stands in for the chart (see ``note``), or in an outline
    note: str = ""  # why the chart shows less than the table, or why there is none
    image: bool = False  # there is a picture (in ``data_uri``, or for an outline from ``chart_svg``)


def chart_for(table: ProtectedTable, kind: str = "bars") -> Chart | None:
    """The chart of a protected table (None for an empty or withheld table)."""
    if not table.rows or not table.columns or table.withheld:
        return None
    return _chart_cached(table, kind, get_language() or "")


def chart_outline(table: ProtectedTable, kind: str = "bars") -> Chart | None:
    """The chart of a protected table without its picture: title, text alternative and note, and
    whether there is a picture to draw. Cheap (no drawing): a page shows this at once and loads
    the picture from its own URL (``chart_svg`` over the same protected table)."""
    if not table.rows or not table.columns or table.withheld:
        return None
    if kind == "estimate":
        return Chart(title=table.title, alt=alt_text(table, kind), data_uri="", image=True)
    drawn, note = drawable(table)
    if drawn is None:
        return Chart(title=table.title, alt="", data_uri="", note=note)
    return Chart(title=drawn.title, alt=alt_text(drawn, kind), data_uri="", note=note, image=True)


def chart_svg(table: ProtectedTable, kind: str = "bars") -> bytes | None:
    """The picture of ``chart_outline(table, kind)`` as an SVG document (None when it has none)."""
    if not table.rows or not table.columns or table.withheld:
        return None
    return _svg_cached(table, kind, get_language() or "")


def mostly_hidden(cells: list[ProtectedCell] | tuple[ProtectedCell, ...]) -> bool:
    """More than half of the counts are hidden ("< 10" or "×")."""
    return sum(cell.state in HIDDEN for cell in cells) * 2 > len(cells)


def drawable(table: ProtectedTable) -> tuple[ProtectedTable | None, str]:
    """What a bar chart of ``table`` may draw: the table, its row totals, or nothing; and why."""
    if not mostly_hidden([cell for row in table.cells for cell in row]):
        return table, ""
    if len(table.columns) > 1 and table.row_totals and not mostly_hidden(table.row_totals):
        totals = replace(
            table,
            columns=(_("Total"),),
            cells=tuple((cell,) for cell in table.row_totals),
            row_totals=None,
            column_totals=None,
            grand_total=None,
        )
        return totals, _(
            "Most counts in this table are too small to show separately, so the chart shows the totals only; the "
            "table gives the rest."
        )
    return None, _(
        "No chart: most counts in this table are too small to publish, and a chart of the few others would mislead. "
        "The table shows what may be published."
    )


@lru_cache(maxsize=256)
def _svg_cached(table: ProtectedTable, kind: str, _language: str) -> bytes | None:
    if kind != "estimate":
        drawn, _note = drawable(table)
        if drawn is None:
            return None
        table = drawn
    buffer = io.BytesIO()
    with DRAWING:
        figure = _estimate_figure(table) if kind == "estimate" else _bars_figure(table, vertical=kind == "trend")
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Title": table.title})
        plt.close(figure)
    return buffer.getvalue()


def _chart_cached(table: ProtectedTable, kind: str, language: str) -> Chart:
    outline = chart_outline(table, kind)
    assert outline is not None  # chart_for checked the table
    svg = _svg_cached(table, kind, language)
    if svg is None:
        return outline
    data = base64.b64encode(svg).decode("ascii")
    return replace(outline, data_uri=f"data:image/svg+xml;base64,{data}")


def alt_text(table: ProtectedTable, kind: str = "bars") -> str:
    """The chart in words: kind, title, and every shown value (labels as published)."""
    shape = _("Bar chart") if kind != "estimate" else _("Chart of an estimate with its interval")
    parts = []
    for label, cells, _total in table.body_rows():
        if len(table.columns) == 1:
            parts.append(f"{label}: {cells[0].label}")
        else:
            parts.append(
                f"{label}: "
                + ", ".join(f"{column} {cell.label}" for column, cell in zip(table.columns, cells, strict=False))
            )
    return f"{shape}: {table.title}. " + "; ".join(parts) + "."


def mark_legend(threshold: int, states: set[CellState]) -> list[tuple[Line2D, str]]:
    """Legend entries that explain the axis marks of hidden counts."""
    entries = []
    if CellState.PRIMARY in states:
        marker = Line2D([], [], linestyle="none", marker=f"$<{threshold}$", markersize=14, color=TEXT_COLOUR)
        entries.append((marker, _("from 1 to %(below)s: too few to show, no bar") % {"below": threshold - 1}))
    if CellState.SECONDARY in states:
        marker = Line2D([], [], linestyle="none", marker=r"$\times$", markersize=7, color=TEXT_COLOUR)
        entries.append((marker, _("not shown, so that another small count cannot be recomputed; no bar")))
    return entries


def _bars_figure(table: ProtectedTable, *, vertical: bool):
    n_rows, n_cols = len(table.rows), len(table.columns)
    width = 0.8 / n_cols
    if vertical:
        figure, axes = plt.subplots(figsize=(10.0, 4.2))
    else:
        figure, axes = plt.subplots(figsize=(10.0, max(2.5, 0.9 + n_rows * (0.25 + 0.25 * n_cols))))
    axes.patch.set_gid("plot-area")
    published = [cell.value for row in table.cells for cell in row if cell.state == CellState.PUBLISHED and cell.value]
    limit = max(published, default=0) * HEADROOM or 1.0
    bar = axes.bar if vertical else axes.barh
    marks: set[CellState] = set()
    handles: list = []
    labels: list[str] = []
    for j, column in enumerate(table.columns):
        colour = PALETTE[j % len(PALETTE)]
        handles.append(Patch(facecolor=colour, edgecolor=colour))
        labels.append(column)
        for i, row in enumerate(table.cells):
            cell = row[j]
            position = i + (j - (n_cols - 1) / 2) * width
            if cell.state == CellState.PUBLISHED and cell.value:
                size: dict[str, Any] = {"width": width} if vertical else {"height": width}
                drawn = bar(position, cell.value, facecolor=colour, edgecolor=colour, linewidth=0.5, **size)
                drawn.patches[0].set_gid(f"bar-{i}-{j}")
                length, hidden = float(cell.value), False
            else:
                length, hidden = 0.0, cell.state in HIDDEN
                if hidden:
                    marks.add(cell.state)
            if vertical:
                text = axes.annotate(
                    cell.label,
                    (position, length),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    annotation_clip=False,
                )
            else:
                text = axes.annotate(
                    cell.label,
                    (length, position),
                    xytext=(3, 0),
                    textcoords="offset points",
                    ha="left",
                    va="center",
                    fontsize=8,
                    annotation_clip=False,
                )
            if not length:
                text.set_gid(f"mark-{i}-{j}")
                text.set_fontstyle("italic" if hidden else "normal")
    ticks = list(range(n_rows))
    value_axis = axes.yaxis if vertical else axes.xaxis
    value_axis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    if vertical:
        axes.set_xticks(ticks, [str(r) for r in table.rows])
        axes.set_ylim(0, limit)
        axes.set_ylabel(table.unit or "")
    else:
        axes.set_yticks(ticks, [_wrap(str(r)) for r in table.rows])
        axes.invert_yaxis()
        axes.set_xlim(0, limit)
    axes.spines[["top", "right"]].set_visible(False)
    if n_cols == 1:
        handles, labels = [], []
    for handle, label in mark_legend(table.threshold, marks):
        handles.append(handle)
        labels.append(label)
    if handles:
        # Below the plot, so that the plot keeps the full width of the page.
        axes.legend(
            handles,
            labels,
            frameon=False,
            fontsize=9,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.1 if vertical else -0.04),
            ncol=min(2 if marks else 4, len(handles)),
        )
    figure.tight_layout()
    return figure


def _estimate_figure(table: ProtectedTable):
    cells = table.column_values(0)
    values = [cell.value if cell.state == CellState.PUBLISHED else None for cell in cells]
    figure, axes = plt.subplots(figsize=(6.0, 1.9))
    axes.patch.set_gid("plot-area")
    observed, estimate = values[0], values[1] if len(values) > 1 else None
    if observed is not None:
        drawn = axes.barh(1, observed, color=PALETTE[0], height=0.5)
        drawn.patches[0].set_gid("bar-0-0")
    # a hidden or zero observed count has no bar: its label sits on the axis
    text = axes.annotate(
        cells[0].label,
        (observed or 0, 1),
        xytext=(3, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
        annotation_clip=False,
    )
    if observed is None:
        text.set_gid("mark-0-0")
    if estimate is not None:
        low = values[2] if len(values) > 3 and values[2] is not None else estimate
        high = values[3] if len(values) > 3 and values[3] is not None else estimate
        axes.errorbar(
            [estimate],
            [0],
            xerr=[[estimate - low], [high - estimate]],
            fmt="o",
            color=PALETTE[1],
            capsize=6,
            linewidth=2,
        )
        axes.annotate(cells[1].label, (estimate, 0), xytext=(0, 8), textcoords="offset points", ha="center", fontsize=8)
    axes.set_yticks([0, 1], [_wrap(table.rows[1]) if len(table.rows) > 1 else "", _wrap(table.rows[0])])
    axes.set_ylim(-0.6, 1.6)
    axes.set_xlim(0, max((v for v in values if v is not None), default=0) * HEADROOM + 1)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def _wrap(text: str, width: int = 28) -> str:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "\n".join(lines)
