"""Charts drawn on the server (matplotlib, Agg) from PROTECTED tables only, as SVG data URIs.

A chart never sees a true count: it takes a ``ProtectedTable``. A primary-suppressed value is
drawn as an empty hatched bar up to the threshold, labelled "< 10"; a secondary suppression has
no bar and is labelled "×". Each chart comes with a text alternative (and the page shows the
table beside it). Colours have at least 4.5:1 contrast on white; a legend explains hidden bars.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from django.utils.translation import get_language  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402

from zicht.stats.disclosure import CellState, ProtectedTable  # noqa: E402

PALETTE = ("#1f5f99", "#b3541e", "#2e7d32", "#6a3d9a", "#a11d4a", "#4a4a4a")
TEXT_COLOUR = "#1a1a1a"

plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.edgecolor": "#555555", "text.color": TEXT_COLOUR})


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    data_uri: str


def chart_for(table: ProtectedTable, kind: str = "bars") -> Chart | None:
    """The chart of a protected table (None for an empty table)."""
    if not table.rows or not table.columns or table.withheld:
        return None
    return _chart_cached(table, kind, get_language() or "")


@lru_cache(maxsize=256)
def _chart_cached(table: ProtectedTable, kind: str, _language: str) -> Chart:
    if kind == "estimate":
        figure = _estimate_figure(table)
    else:
        figure = _bars_figure(table, vertical=kind == "trend")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Title": table.title})
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Chart(title=table.title, alt=alt_text(table, kind), data_uri=f"data:image/svg+xml;base64,{data}")


def alt_text(table: ProtectedTable, kind: str = "bars") -> str:
    """The chart in words: kind, title, and every shown value (labels as published)."""
    shape = _("Bar chart") if kind != "estimate" else _("Chart of an estimate with its interval")
    parts = []
    for label, cells, _total in table.body_rows():
        if len(table.columns) == 1:
            parts.append(f"{label}: {cells[0].label}")
        else:
            parts.append(f"{label}: " + ", ".join(f"{column} {cell.label}" for column, cell in zip(table.columns, cells)))
    return f"{shape}: {table.title}. " + "; ".join(parts) + "."


def _bar_value(cell, threshold: int) -> tuple[float, str, str]:  # noqa: ANN001
    """(height, label, style) of one bar."""
    if cell.state == CellState.PRIMARY:
        return float(threshold), cell.label, "suppressed"
    if cell.state == CellState.SECONDARY:
        return 0.0, cell.label, "hidden"
    return float(cell.value or 0), cell.label, "value"


def _bars_figure(table: ProtectedTable, *, vertical: bool):  # noqa: ANN202
    n_rows, n_cols = len(table.rows), len(table.columns)
    width = 0.8 / n_cols
    if vertical:
        figure, axes = plt.subplots(figsize=(10.0, 4.2))
    else:
        figure, axes = plt.subplots(figsize=(10.0, max(2.5, 0.9 + n_rows * (0.25 + 0.25 * n_cols))))
    top = 0.0
    any_suppressed = False
    for j, column in enumerate(table.columns):
        colour = PALETTE[j % len(PALETTE)]
        for i, row in enumerate(table.cells):
            height, label, style = _bar_value(row[j], table.threshold)
            position = i + (j - (n_cols - 1) / 2) * width
            if style == "suppressed":
                kwargs = {"facecolor": "white", "edgecolor": colour, "hatch": "////", "linewidth": 1.0, "linestyle": "--"}
                any_suppressed = True
            else:
                kwargs = {"facecolor": colour, "edgecolor": colour, "linewidth": 0.5}
            bar = axes.bar if vertical else axes.barh
            size_arg = {"width": width} if vertical else {"height": width}
            bar(position, height, label=column if i == 0 else None, **size_arg, **kwargs)
            top = max(top, height)
            if vertical:
                axes.annotate(label, (position, height), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=8)
            else:
                axes.annotate(label, (height, position), xytext=(3, 0), textcoords="offset points", ha="left", va="center", fontsize=8)
    ticks = list(range(n_rows))
    if vertical:
        axes.set_xticks(ticks, [str(r) for r in table.rows])
        axes.set_ylim(0, max(top * 1.18, table.threshold * 1.5, 1))
        axes.set_ylabel(table.unit or "")
    else:
        axes.set_yticks(ticks, [_wrap(str(r)) for r in table.rows])
        axes.invert_yaxis()
        axes.set_xlim(0, max(top * 1.2, table.threshold * 1.5, 1))
    axes.spines[["top", "right"]].set_visible(False)
    handles, labels = axes.get_legend_handles_labels()
    if n_cols == 1:
        handles, labels = [], []
    if any_suppressed:
        from matplotlib.patches import Patch

        handles.append(Patch(facecolor="white", edgecolor="#4a4a4a", hatch="////", linestyle="--"))
        labels.append(_("Not shown: below %(threshold)s") % {"threshold": table.threshold})
    if handles:
        # Below the plot, so that the plot keeps the full width of the page.
        axes.legend(
            handles, labels, frameon=False, fontsize=9, loc="upper center",
            bbox_to_anchor=(0.5, -0.1 if vertical else -0.04), ncol=min(4, len(handles)),
        )
    figure.tight_layout()
    return figure


def _estimate_figure(table: ProtectedTable):  # noqa: ANN202
    values = [cell.value for cell in table.column_values(0)]
    figure, axes = plt.subplots(figsize=(6.0, 1.9))
    observed, estimate = values[0], values[1] if len(values) > 1 else None
    if observed is not None:
        axes.barh(1, observed, color=PALETTE[0], height=0.5)
        axes.annotate(table.cells[0][0].label, (observed, 1), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    if estimate is not None:
        low = values[2] if len(values) > 3 and values[2] is not None else estimate
        high = values[3] if len(values) > 3 and values[3] is not None else estimate
        axes.errorbar([estimate], [0], xerr=[[estimate - low], [high - estimate]], fmt="o", color=PALETTE[1], capsize=6, linewidth=2)
        axes.annotate(table.cells[1][0].label, (estimate, 0), xytext=(0, 8), textcoords="offset points", ha="center", fontsize=8)
    axes.set_yticks([0, 1], [_wrap(table.rows[1]) if len(table.rows) > 1 else "", _wrap(table.rows[0])])
    axes.set_ylim(-0.6, 1.6)
    axes.set_xlim(0, max(v for v in values if v is not None) * 1.15 + 1)
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
