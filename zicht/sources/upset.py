"""An UpSet-style overlap picture of the linked lists (matplotlib, SVG) with a text alternative."""
from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _shown(count: int, threshold: int) -> str:
    return f"<{threshold}" if 0 < count < threshold else str(count)


def upset_alt_text(lists: Sequence[str], patterns: Sequence[Sequence[int]], counts: Sequence[int], *, threshold: int) -> str:
    """The picture in words: people per combination of lists, small counts suppressed."""
    parts = []
    for pattern, count in sorted(zip(patterns, counts, strict=True), key=lambda item: -item[1]):
        names = " + ".join(name for name, bit in zip(lists, pattern, strict=True) if bit)
        parts.append(f"{names}: {_shown(count, threshold)}")
    from django.utils.translation import gettext

    intro = gettext("People per combination of lists (counts below %(threshold)s suppressed).") % {"threshold": threshold}
    return f"{intro} {'; '.join(parts)}."


def upset_svg(lists: Sequence[str], patterns: Sequence[Sequence[int]], counts: Sequence[int], *, threshold: int, title: str = "") -> str:
    """Bars: people per exact combination of lists; dots below: which lists form the combination.

    Counts below ``threshold`` are drawn at the threshold height, hatched and labelled "<t", so the
    picture discloses no more than the tables.
    """
    rows = sorted(zip(patterns, counts, strict=True), key=lambda item: (-item[1], item[0]))
    heights = [max(count, threshold) if 0 < count < threshold else count for _, count in rows]
    fig, (bars, dots) = plt.subplots(2, 1, figsize=(max(4, 0.6 * len(rows) + 2), 2.5 + 0.35 * len(lists)), gridspec_kw={"height_ratios": [3, max(1, len(lists) * 0.4)]}, sharex=True)
    xs = list(range(len(rows)))
    for x, (pattern, count), height in zip(xs, rows, heights, strict=True):
        suppressed = 0 < count < threshold
        bars.bar(x, height, color="#ffffff" if suppressed else "#1f4e79", edgecolor="#1f4e79", hatch="//" if suppressed else None)
        bars.text(x, height, _shown(count, threshold), ha="center", va="bottom", fontsize=8)
    bars.set_ylabel("people")
    bars.spines[["top", "right"]].set_visible(False)
    if title:
        bars.set_title(title, fontsize=10)
    for x, (pattern, _) in zip(xs, rows, strict=True):
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
