"""An UpSet-style overlap picture of the linked lists (matplotlib, SVG) with a text alternative.

It draws the PROTECTED overlap table (``zicht.stats.publication.overlap_publish``): only a
published count is drawn as a bar; a hidden one ("< 10", "×") gets no bar and its mark on the
axis. Bars carry the SVG id ``bar-<i>``, count labels ``count-<i>``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from django.utils.translation import gettext

from zicht.stats.disclosure import CellState, ProtectedTable


def upset_alt_text(table: ProtectedTable) -> str:
    """The picture in words: young people per combination of lists, as published."""
    parts = [f"{label}: {cells[0].label}" for label, cells, _total in table.body_rows()]
    intro = gettext("Young people per combination of registrations (counts below %(threshold)s are not shown).") % {
        "threshold": table.threshold
    }
    total = table.column_totals[0].label if table.column_totals else ""
    closing = " " + gettext("In all: %(total)s.") % {"total": total} if total else ""
    return f"{intro} {'; '.join(parts)}.{closing}"


def upset_svg(
    lists: Sequence[str], patterns: Sequence[Sequence[int]], table: ProtectedTable, *, title: str = ""
) -> str:
    """Bars: young people per exact combination of lists (``patterns`` in the table's row order);
    dots below: which lists form the combination."""
    rows = list(zip(patterns, table.column_values(0), strict=True))
    fig, (bars, dots) = plt.subplots(
        2,
        1,
        figsize=(max(4, 0.6 * len(rows) + 2), 2.5 + 0.35 * len(lists)),
        gridspec_kw={"height_ratios": [3, max(1, len(lists) * 0.4)]},
        sharex=True,
    )
    bars.patch.set_gid("plot-area")
    top = max((cell.value for _p, cell in rows if cell.state == CellState.PUBLISHED and cell.value), default=1)
    for x, (_pattern, cell) in enumerate(rows):
        height = cell.value if cell.state == CellState.PUBLISHED and cell.value else 0
        if height:
            bars.bar(x, height, color="#1f4e79", edgecolor="#1f4e79").patches[0].set_gid(f"bar-{x}")
        text = bars.text(
            x,
            height,
            cell.label,
            ha="center",
            va="bottom",
            fontsize=8,
            fontstyle="italic" if cell.suppressed else "normal",
        )
        text.set_gid(f"count-{x}")
    bars.set_ylim(0, top * 1.15)
    bars.set_ylabel(gettext("young people"))
    bars.spines[["top", "right"]].set_visible(False)
    if title:
        bars.set_title(title, fontsize=10)
    for x, (pattern, _cell) in enumerate(rows):
        ys = [y for y, bit in enumerate(pattern) if bit]
        dots.scatter([x] * len(lists), range(len(lists)), color="#d0d0d0", s=30)
        dots.scatter([x] * len(ys), ys, color="#1f4e79", s=30)
        if len(ys) > 1:
            dots.plot([x, x], [min(ys), max(ys)], color="#1f4e79")
    dots.set_yticks(range(len(lists)), labels=list(lists), fontsize=8)
    dots.set_xticks([])
    dots.invert_yaxis()
    for spine in dots.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()
