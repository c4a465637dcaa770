"""Conditional-multinomial profile likelihood for the population size.

For a candidate ``N`` the unobserved cell gets count ``N - n`` and the
log-linear model is refitted to all ``2**K`` cells (the unobserved cell has
only the intercept).  The multinomial profile log-likelihood is
``-(deviance - 2 * ct) / 2`` with Cormack's (1992) correction term ``ct``.
Its maximiser is the multinomial estimate and the profile-likelihood
interval is where it is within ``chi2(1 - alpha, 1) / 2`` of the maximum,
as Rcapture's ``closedpCI.t`` (Rivest & Baillargeon 2014), except that the
correction term is computed exactly (see :func:`_correction`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from scipy.stats import chi2

from ._glm import fit_poisson_batch
from ._model import ModelSpace

__all__ = ["ProfileResult", "profile_likelihood"]


@dataclass(frozen=True)
class ProfileResult:
    """Multinomial profile-likelihood estimate and interval.

    Attributes
    ----------
    estimate : float
        Maximiser of the profile likelihood over (continuous) ``N``.
    low, high : float
        Interval bounds; ``high`` is ``inf`` when the likelihood does not
        drop enough below ``fmax * poisson_estimate``.
    level : float
    """

    estimate: float
    low: float
    high: float
    level: float


def _correction(n0: float, total: float) -> float:
    """Cormack's correction term ``log(n0**n0 * N! / (N**N * n0!))``.

    Rcapture uses Stirling's approximation of it when ``N > 100``; the exact
    form differs by ``O(1/n0)`` and stays smooth as ``n0 -> 0``, where the
    approximation diverges.
    """
    n0log = n0 * math.log(n0) if n0 > 0 else 0.0
    return n0log + gammaln(total + 1) - total * math.log(total) - gammaln(n0 + 1)


class _Profile:
    def __init__(self, space: ModelSpace, row: np.ndarray):
        colmask, cellmask, _ = space.masks(row[None, :])
        keep = cellmask[0]
        X = space.X[keep][:, colmask[0]]
        e0 = np.zeros((1, X.shape[1]))
        e0[0, 0] = 1.0
        self.X = np.vstack([X, e0])
        self.y = space.y[keep]
        self.n = float(space.y.sum())
        self.colmask = np.ones((1, X.shape[1]), dtype=bool)
        p = self.X.shape[1]
        self.XX = (self.X[:, :, None] * self.X[:, None, :]).reshape(-1, p * p)
        self.beta: np.ndarray | None = None

    def loglik(self, N: float) -> float:
        n0 = max(N - self.n, 0.0)
        yv = np.concatenate([self.y, [n0]])
        res = fit_poisson_batch(self.X, yv, self.colmask, XX=self.XX, beta0=self.beta)
        if np.all(np.isfinite(res.beta)):
            self.beta = res.beta
        return float(-(res.deviance[0] - 2.0 * _correction(n0, self.n + n0)) / 2.0)


def profile_likelihood(
    space: ModelSpace,
    row: np.ndarray,
    poisson_estimate: float,
    level: float = 0.95,
    fmax: float = 3.0,
) -> ProfileResult:
    """Multinomial profile-likelihood estimate and interval for one model.

    Parameters
    ----------
    space : ModelSpace
    row : ndarray of bool
        The model's term row.
    poisson_estimate : float
        ``observed + exp(intercept)``; the search runs over
        ``(observed, fmax * poisson_estimate)``.
    level : float
        Confidence level.
    fmax : float
        Upper search limit factor (Rcapture's ``fmaxSupCL``).

    Returns
    -------
    ProfileResult

    References
    ----------
    Cormack, R. M. (1992). Interval estimation for mark-recapture studies of
    closed populations. *Biometrics* 48, 567-576.

    Rivest, L.-P. and Baillargeon, S. (2014). Rcapture (``closedpCI.t``).
    """
    prof = _Profile(space, row)
    n = prof.n
    upper = fmax * poisson_estimate
    opt = minimize_scalar(lambda N: -prof.loglik(N), bounds=(n, upper), method="bounded", options={"xatol": 1e-4})
    nmax = float(opt.x)
    lmax = -float(opt.fun)
    target = lmax - chi2.ppf(level, 1) / 2.0

    def g(N: float) -> float:
        return prof.loglik(N) - target

    try:
        low = brentq(g, n, nmax, xtol=1e-4) if g(n) < 0 else n
    except ValueError:
        low = n
    try:
        high = brentq(g, nmax, upper, xtol=1e-4) if g(upper) < 0 else math.inf
    except ValueError:
        high = math.inf
    return ProfileResult(nmax, float(low), float(high), level)
