"""Overlap (UpSet-style) plot with the population estimate; matplotlib is optional."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ._results import MSEResult
from ._table import CaptureTable

__all__ = ["plot_overlaps"]


def plot_overlaps(table: CaptureTable, result: MSEResult, out: str | Path, max_bars: int = 40) -> Path:
    """Draw capture-pattern counts as an UpSet-style chart plus the estimate.

    Parameters
    ----------
    table : CaptureTable
    result : MSEResult
    out : str or Path
        ``.png`` or ``.svg`` file.
    max_bars : int
        Largest number of (non-zero) patterns shown.

    Raises
    ------
    ValueError
        On an unsupported file extension or if matplotlib is missing
        (install ``recapture[plot]``).
    """
    out = Path(out)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"output must be .png or .svg, got {out.name!r}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover
        raise ValueError("plotting needs matplotlib: pip install 'recapture[plot]'") from exc
    pats = table.patterns
    counts = table.counts
    order = [i for i in np.argsort(-counts, kind="stable") if counts[i] > 0][:max_bars]
    k = table.n_lists
    fig = plt.figure(figsize=(max(6.0, 0.35 * len(order) + 3), 5.5))
    gs = fig.add_gridspec(2, 2, height_ratios=[3, 1.2], width_ratios=[len(order) or 1, 2.5])
    ax_bar = fig.add_subplot(gs[0, 0])
    ax_mat = fig.add_subplot(gs[1, 0], sharex=ax_bar)
    ax_est = fig.add_subplot(gs[:, 1])
    x = np.arange(len(order))
    ax_bar.bar(x, counts[order], color="#3b6ea8")
    ax_bar.set_ylabel("people")
    ax_bar.set_title("Capture patterns")
    ax_bar.tick_params(labelbottom=False)
    for j, i in enumerate(order):
        on = np.nonzero(pats[i])[0]
        ax_mat.scatter([j] * k, range(k), color="#dddddd", s=25)
        ax_mat.scatter([j] * len(on), on, color="#222222", s=25)
        if len(on) > 1:
            ax_mat.plot([j, j], [on.min(), on.max()], color="#222222")
    ax_mat.set_yticks(range(k))
    ax_mat.set_yticklabels(table.names)
    ax_mat.set_xticks([])
    ax_mat.invert_yaxis()
    ax_est.bar([0], [result.observed], color="#3b6ea8", label="observed")
    ax_est.bar([0], [result.dark_figure], bottom=[result.observed], color="#c8d6e8", label="dark figure")
    if result.interval is not None and np.isfinite(result.interval.high):
        lo, hi = result.interval.low, result.interval.high
        ax_est.errorbar(
            [0], [result.estimate], yerr=[[result.estimate - lo], [hi - result.estimate]], color="black", capsize=6
        )
    ax_est.set_xticks([0])
    ax_est.set_xticklabels([f"{result.method}\n{result.estimate:,.0f}"])
    ax_est.set_title("Estimate")
    ax_est.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
