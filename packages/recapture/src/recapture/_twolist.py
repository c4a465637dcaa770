"""Two-list estimators: Lincoln-Petersen and Chapman."""

from __future__ import annotations

import math

from scipy.stats import norm

from ._results import Interval, MSEResult
from ._table import CaptureTable

__all__ = ["lincoln_petersen", "chapman"]


def _margins(table: CaptureTable) -> tuple[int, int, int]:
    if table.n_lists != 2:
        raise ValueError(f"two-list estimators need exactly 2 lists, got {table.n_lists}")
    n1 = table.overlap([0])
    n2 = table.overlap([1])
    m = table.overlap([0, 1])
    return n1, n2, m


def lincoln_petersen(table: CaptureTable) -> MSEResult:
    """Lincoln-Petersen estimate ``n1 * n2 / m``.

    Raises
    ------
    ValueError
        If the overlap ``m`` is 0 (the estimate is infinite).

    References
    ----------
    Seber, G. A. F. (1982). *The Estimation of Animal Abundance*, 2nd ed.,
    section 3.1.1.
    """
    n1, n2, m = _margins(table)
    if m == 0:
        raise ValueError("the two lists do not overlap (m = 0): Lincoln-Petersen is infinite")
    est = n1 * n2 / m
    return _result(table, est, "lincoln-petersen", None)


def chapman(table: CaptureTable, level: float = 0.95) -> MSEResult:
    """Chapman's nearly unbiased estimator with a normal interval.

    ``N = (n1 + 1)(n2 + 1)/(m + 1) - 1`` with variance
    ``(n1+1)(n2+1)(n1-m)(n2-m) / ((m+1)^2 (m+2))``; the interval is
    truncated below at the number observed.

    References
    ----------
    Chapman, D. G. (1951). Some properties of the hypergeometric
    distribution with applications to zoological sample censuses. *Univ.
    California Publ. Statist.* 1, 131-160.  Seber (1982), section 3.1.1.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    n1, n2, m = _margins(table)
    est = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    var = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    z = norm.ppf(0.5 + level / 2)
    half = z * math.sqrt(var)
    iv = Interval(max(est - half, table.observed), est + half, "chapman", level)
    return _result(table, est, "chapman", iv)


def _result(table: CaptureTable, est: float, method: str, iv: Interval | None) -> MSEResult:
    return MSEResult(
        estimate=float(est),
        observed=table.observed,
        dark_figure=float(est - table.observed),
        terms=(),
        empty_overlap_terms=(),
        method=method,
        interval=iv,
        intervals={"chapman": iv} if iv else {},
        lists=table.names,
    )
