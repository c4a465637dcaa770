"""Two-list estimators: Lincoln-Petersen and Chapman."""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq
from scipy.special import gammaln
from scipy.stats import chi2, norm

from ._results import Interval, MSEResult
from ._table import CaptureTable

__all__ = ["lincoln_petersen", "chapman", "MIN_OVERLAP"]

# fewer people on both lists than this and the two-list estimate is refused:
# with m = 0 the data say nothing about N, and below ~7 Chapman's estimator is
# biased and its sampling distribution far from normal (Robson & Regier 1964)
MIN_OVERLAP = 7


def _margins(table: CaptureTable, min_overlap: int = 1) -> tuple[int, int, int]:
    if table.n_lists != 2:
        raise ValueError(f"two-list estimators need exactly 2 lists, got {table.n_lists}")
    n1 = table.overlap([0])
    n2 = table.overlap([1])
    m = table.overlap([0, 1])
    if m == 0:
        raise ValueError(
            "the two lists do not overlap (m = 0, nobody is on both): two lists without "
            "overlap carry no information on the population size"
        )
    if m < min_overlap:
        raise ValueError(
            f"only {m} people are on both lists; at least {min_overlap} are needed for a two-list estimate"
        )
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
    est = n1 * n2 / m
    return _result(table, est, "lincoln-petersen", None)


def chapman(
    table: CaptureTable,
    level: float = 0.95,
    *,
    interval: str = "profile",
    min_overlap: int = MIN_OVERLAP,
) -> MSEResult:
    """Chapman's nearly unbiased estimator with a profile or log-scale interval.

    ``N = (n1 + 1)(n2 + 1)/(m + 1) - 1``.  The interval is not the symmetric
    normal one (whose misses all fall on the high side at municipal sizes):

    * ``"profile"`` (default): profile likelihood of ``N`` under the
      two-list hypergeometric model, ``{N : 2 (l(N_hat) - l(N)) <= chi2_1}``
      over real ``N`` (log-gamma form), never below the number observed;
    * ``"log"``: normal on the log of the dark figure ``f0 = N - r``
      (Chao 1987), ``r + f0 / C`` to ``r + f0 * C`` with
      ``C = exp(z sqrt(log(1 + var / f0**2)))`` and Chapman's variance
      ``(n1+1)(n2+1)(n1-m)(n2-m) / ((m+1)^2 (m+2))``.

    Both are listed in ``intervals``; ``interval`` picks the headline.

    Parameters
    ----------
    table : CaptureTable
        Exactly two lists.
    level : float
    interval : {"profile", "log"}
    min_overlap : int
        Refuse (ValueError) when fewer people are on both lists; 0 overlap
        is always refused.

    References
    ----------
    Chapman, D. G. (1951). Some properties of the hypergeometric
    distribution with applications to zoological sample censuses. *Univ.
    California Publ. Statist.* 1, 131-160.  Seber (1982), section 3.1.1.
    Chao, A. (1987). Estimating the population size for capture-recapture
    data with unequal catchability. *Biometrics* 43, 783-791.
    Robson, D. S. & Regier, H. A. (1964). Sample size in Petersen
    mark-recapture experiments. *Trans. Am. Fish. Soc.* 93, 215-226.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    if interval not in ("profile", "log"):
        raise ValueError(f"interval must be 'profile' or 'log', got {interval!r}")
    n1, n2, m = _margins(table, max(1, min_overlap))
    r = n1 + n2 - m
    est = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    ivs = {
        "log": _log_interval(r, est, n1, n2, m, level),
        "profile": _profile_interval(r, n1, n2, m, level),
    }
    res = _result(table, est, "chapman", ivs[interval])
    return MSEResult(**{**res.__dict__, "intervals": ivs})


def _log_interval(r: int, est: float, n1: int, n2: int, m: int, level: float) -> Interval:
    var = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    f0 = est - r
    z = norm.ppf(0.5 + level / 2)
    if f0 <= 0 or var <= 0:
        return Interval(float(r), float(r), "chapman-log", level)
    c = math.exp(z * math.sqrt(math.log1p(var / f0**2)))
    return Interval(r + f0 / c, r + f0 * c, "chapman-log", level)


def _profile_interval(r: int, n1: int, n2: int, m: int, level: float) -> Interval:
    """Profile-likelihood interval for ``N`` under the two-sample model.

    The likelihood of ``N`` given the two lists' sizes and overlap (the
    capture probabilities profiled out) is ``N! / (N - r)! * n1^n1 (N-n1)^(N-n1)
    * n2^n2 (N-n2)^(N-n2) / N^(2N)``, extended to real ``N`` by log-gamma.
    """

    def loglik(n: float) -> float:
        out = gammaln(n + 1) - gammaln(n - r + 1) - 2 * n * math.log(n)
        for k in (n1, n2):
            out += k * math.log(k) + (_xlogx(n - k))
        return out

    # the maximum is near Lincoln-Petersen; search a bracket around it
    lp = n1 * n2 / m
    grid = np.unique(np.concatenate([np.linspace(r, max(lp, r) * 3 + 10, 4001), [lp]]))
    vals = np.array([loglik(float(x)) for x in grid])
    top = int(np.argmax(vals))
    n_hat, l_max = float(grid[top]), float(vals[top])
    crit = chi2.ppf(level, 1) / 2

    def g(n: float) -> float:
        return l_max - loglik(n) - crit

    low = float(r) if g(float(r)) <= 0 else brentq(g, float(r), n_hat)
    hi_end = n_hat * 2 + 10
    while g(hi_end) < 0:
        hi_end *= 2
        if hi_end > 1e15:
            return Interval(low, math.inf, "chapman-profile", level)
    high = brentq(g, n_hat, hi_end)
    return Interval(low, high, "chapman-profile", level)


def _xlogx(x: float) -> float:
    return 0.0 if x <= 0 else x * math.log(x)


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
