"""Forward stepwise selection run on many tables at once (bootstrap replicates).

The algorithm is exactly :func:`recapture._selection.select_stepwise`; the
current models of all replicates are fitted together by one batched IRLS
call per step (each replicate has its own counts, terms and removed cells),
and the p-values of all candidate terms are computed as arrays.  Only the
existence checks of the terms about to be added run per replicate.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import poisson

from ._glm import fit_poisson_batch
from ._model import ModelSpace
from ._table import CaptureTable

__all__ = ["stepwise_estimates"]


def stepwise_estimates(names: tuple[str, ...], tables: np.ndarray, threshold: float = 0.02) -> np.ndarray:
    """Population estimates of stepwise-selected models for many count tables.

    Parameters
    ----------
    names : tuple of str
        List names (``K`` lists).
    tables : ndarray (R, 2**K - 1)
        Cell counts of each table in canonical order.
    threshold : float
        p-value threshold of the stepwise selection.

    Returns
    -------
    ndarray (R,)
        ``observed + exp(intercept)`` of each selected model; ``nan`` where
        fewer than two lists are non-empty or the main-effects MLE does not
        exist.
    """
    Y = np.asarray(tables, dtype=float)
    R = Y.shape[0]
    out = np.full(R, np.nan)
    if R == 0:
        return out
    template = ModelSpace(CaptureTable(names, np.ones(Y.shape[1], dtype=np.int64)), 2)
    k = template.k
    X = template.X
    cells = template.term_cells.astype(float)  # (n, T)
    T = cells.shape[1]
    pats = template.patterns
    overlap = Y @ cells  # (R, T)
    empty = overlap == 0
    list_tot = Y @ pats
    empty_lists = list_tot == 0
    base = ~((empty_lists.astype(float) @ pats.T) > 0)  # (R, n)
    observed = Y.sum(axis=1)
    valid = ((~empty_lists).sum(axis=1) >= 2) & (observed > 0)
    rows = np.zeros((R, T), dtype=bool)
    active = valid.copy()
    beta = np.zeros((R, X.shape[1]))
    warm = np.zeros(R, dtype=bool)
    spaces: dict[int, tuple[ModelSpace, dict]] = {}
    xx_cache: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}
    # common warm start: main effects fitted to the average table
    mean_tab = ModelSpace(template.table, 2, counts=Y[valid].mean(axis=0), template=template)
    start = mean_tab.fit(np.zeros((1, T), dtype=bool), cov=False)[0].beta[0]
    if not np.all(np.isfinite(start)):
        start = np.zeros(X.shape[1])

    def space_of(r: int) -> tuple[ModelSpace, dict]:
        if r not in spaces:
            tab = CaptureTable(names, Y[r].astype(np.int64))
            spaces[r] = (ModelSpace(tab, 2, counts=Y[r], template=template), {})
        return spaces[r]

    from ._selection import _ok

    for _ in range(T + 1):
        idx = np.nonzero(active)[0]
        if idx.size == 0:
            break
        M = rows[idx]
        emp = M & empty[idx]
        cellmask = ~((emp.astype(float) @ cells.T) > 0) & base[idx]
        colmask = np.ones((idx.size, X.shape[1]), dtype=bool)
        colmask[:, 1 : 1 + k] = ~empty_lists[idx]
        colmask[:, 1 + k :] = M & ~emp
        # only the columns some replicate uses: far smaller normal matrices
        used = np.nonzero(colmask.any(axis=0))[0]
        key = used.tobytes()
        if key not in xx_cache:
            Xu = X[:, used]
            xx_cache[key] = (Xu, (Xu[:, :, None] * Xu[:, None, :]).reshape(len(Xu), -1))
        Xu, XXu = xx_cache[key]
        b0 = np.where(warm[idx][:, None], beta[idx], start[None, :])[:, used]
        res = fit_poisson_batch(Xu, Y[idx], colmask[:, used], cellmask, XX=XXu, beta0=b0, cov=False)
        full = np.zeros((idx.size, X.shape[1]))
        full[:, used] = res.beta
        beta[idx] = full
        warm[idx] = True
        out[idx] = observed[idx] + np.exp(np.minimum(res.beta[:, 0], 709.0))
        lam = res.mu @ cells
        nstar = overlap[idx]
        pval = np.minimum(poisson.cdf(nstar, lam), poisson.sf(nstar - 1, lam))
        pval[M] = 1.0
        for pos, r in enumerate(idx):
            chosen = -1
            pv = pval[pos]
            for j in np.argsort(pv, kind="stable"):
                if pv[j] >= threshold:
                    break
                cand = rows[r].copy()
                cand[j] = True
                space, cache = space_of(int(r))
                if _ok(space, cand, cache)[0]:
                    chosen = int(j)
                    break
            if chosen < 0:
                active[r] = False
            else:
                rows[r, chosen] = True
    # main-effects models are not checked during the selection: check now
    for r in np.nonzero(valid & ~rows.any(axis=1))[0]:
        space, cache = space_of(int(r))
        if not _ok(space, rows[r], cache)[0]:
            out[r] = math.nan
    out[~valid] = math.nan
    return out
