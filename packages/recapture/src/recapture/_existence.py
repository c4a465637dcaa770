"""Existence and identifiability of the (extended) maximum likelihood estimate.

Following Fienberg & Rinaldo (2012) as used by Chan, Silverman & Vincent
(2021, SparseMSE ``checkident``): after cells involving empty-overlap terms
are removed, the MLE of the log-linear model exists iff there is a strictly
positive vector with the same sufficient statistics as the observed counts.
By the theorem of the alternative (Haberman 1974, Thm 2.2) this fails iff
some non-zero direction ``d = X c`` of the column space has ``d >= 0`` on all
cells and ``d = 0`` on the cells with positive counts.  We solve that linear
program in the null space of the positive-cell design, which is tiny, and
skip it altogether when the positive-cell design already has full column
rank (then ``d = 0`` is forced).  The model is identifiable iff the design of
the remaining cells has full column rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import linprog

__all__ = ["Existence", "check_existence"]

_TOL = 1e-9


@dataclass(frozen=True)
class Existence:
    """Outcome of the existence / identifiability check.

    Attributes
    ----------
    exists : bool
        The MLE (with empty-overlap terms at minus infinity) exists.
    identifiable : bool
        The design of the fitted cells has full column rank.
    zero_cells : tuple of int
        Indices (into the fitted cells) of zero cells whose fitted value would
        be forced to zero, when the MLE does not exist.
    """

    exists: bool
    identifiable: bool
    zero_cells: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        """Both conditions hold."""
        return self.exists and self.identifiable


def _rank(a: np.ndarray) -> int:
    if a.size == 0:
        return 0
    return int(np.linalg.matrix_rank(a))


def check_existence(X: np.ndarray, y: np.ndarray) -> Existence:
    """Check existence and identifiability of the Poisson log-linear MLE.

    Parameters
    ----------
    X : ndarray (n, p)
        Design matrix of the cells in the fit (intercept first).
    y : ndarray (n,)
        Their counts.

    Returns
    -------
    Existence

    References
    ----------
    Fienberg, S. E. and Rinaldo, A. (2012). Maximum likelihood estimation in
    log-linear models. *Ann. Statist.* 40, 996-1023.

    Chan, L., Silverman, B. W. and Vincent, K. (2021). Multiple systems
    estimation for sparse capture data: inferential challenges when there
    are nonoverlapping lists. *J. Amer. Statist. Assoc.* 116, 1297-1306.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    p = X.shape[1]
    identifiable = _rank(X) == p
    pos = y > 0
    XP = X[pos]
    if _rank(XP) == p:
        return Existence(True, identifiable)
    N = null_space(XP) if XP.shape[0] else np.eye(p)
    XZ = X[~pos] @ N
    if XZ.shape[0] == 0:
        return Existence(True, identifiable)
    # maximise sum(d_Z) subject to 0 <= d_Z <= 1, d_Z = XZ u
    n_z = XZ.shape[0]
    res = linprog(
        -XZ.sum(axis=0),
        A_ub=np.vstack([XZ, -XZ]),
        b_ub=np.concatenate([np.ones(n_z), np.zeros(n_z)]),
        bounds=[(None, None)] * XZ.shape[1],
        method="highs",
    )
    if res.status != 0:  # pragma: no cover - bounded feasible LP
        return Existence(False, identifiable)
    d = XZ @ res.x
    forced = tuple(int(i) for i in np.nonzero(~pos)[0][d > 1e-7])
    exists = -res.fun <= _TOL
    return Existence(exists, identifiable, () if exists else forced)
