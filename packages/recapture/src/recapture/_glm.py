"""Batched Poisson log-linear fits by iteratively reweighted least squares.

Many small models over the same cells are fitted at once: every model is the
full design ``X`` restricted by a column mask (its terms) and a cell mask
(cells removed because an interaction with an empty overlap is fitted at
minus infinity).  Masked columns get an identity block in the normal
equations, so all models share one stacked ``numpy.linalg.solve``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

__all__ = ["BatchFit", "fit_poisson_batch"]

_EPS = 1e-8  # relative deviance change, as R's glm.control(epsilon)
_MAXIT = 50
_ETA_MAX = 40.0  # fitted cell means never legitimately exceed exp(40)


@dataclass(frozen=True)
class BatchFit:
    """Result of a batched Poisson fit (arrays indexed by model first).

    Attributes
    ----------
    beta : ndarray (B, p)
        Coefficients (0 for masked columns).
    cov : ndarray (B, p, p)
        Inverse Fisher information (0 outside the active block).
    mu : ndarray (B, n)
        Fitted means (0 for removed cells).
    deviance, loglik : ndarray (B,)
        Poisson deviance and log-likelihood over the active cells.
    converged : ndarray (B,) of bool
    """

    beta: np.ndarray
    cov: np.ndarray
    mu: np.ndarray
    deviance: np.ndarray
    loglik: np.ndarray
    converged: np.ndarray


def _solve(G: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Stacked solve; singular or non-finite systems give NaN rows.

    A ridge of 1e-12 times the mean diagonal keeps systems that are singular
    only numerically (fitted means underflowing on the boundary) solvable;
    its relative effect on regular systems is below 1e-12.
    """
    p = G.shape[-1]
    scale = np.abs(np.trace(G, axis1=1, axis2=2)) / p
    G = G + (1e-12 * scale)[:, None, None] * np.eye(p)[None, :, :]
    try:
        return np.linalg.solve(G, rhs[..., None])[..., 0]
    except np.linalg.LinAlgError:
        out = np.full_like(rhs, np.nan)
        good = np.all(np.isfinite(G), axis=(1, 2)) & np.all(np.isfinite(rhs), axis=1)
        for b in np.nonzero(good)[0]:
            try:
                out[b] = np.linalg.solve(G[b], rhs[b])
            except np.linalg.LinAlgError:
                out[b] = np.linalg.pinv(G[b], rcond=1e-12) @ rhs[b]
        return out


def _inv(G: np.ndarray) -> np.ndarray:
    G = np.nan_to_num(G)
    try:
        return np.linalg.inv(G)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(G, rcond=1e-12)


def fit_poisson_batch(
    X: np.ndarray,
    y: np.ndarray,
    colmask: np.ndarray,
    cellmask: np.ndarray | None = None,
    *,
    beta0: np.ndarray | None = None,
    XX: np.ndarray | None = None,
    maxit: int = _MAXIT,
    tol: float = _EPS,
    cov: bool = True,
) -> BatchFit:
    """Fit ``B`` Poisson log-linear models sharing cells and a full design.

    Parameters
    ----------
    X : ndarray (n, p)
        Full design matrix (intercept first).
    y : ndarray (n,) or (B, n)
        Cell counts (shared, or one row per model).
    colmask : ndarray (B, p) of bool
        Columns in each model.
    cellmask : ndarray (B, n) of bool, optional
        Cells in each model's fit (default all).
    beta0 : ndarray (B, p), optional
        Warm start; otherwise IRLS starts at ``mu = y + 0.1`` as R's glm.
    XX : ndarray (n, p*p), optional
        Cached row-wise outer products of ``X``.
    maxit, tol : int, float
        Iteration limit and relative deviance tolerance.
    cov : bool
        Compute the covariance matrices (otherwise zeros).

    Returns
    -------
    BatchFit

    References
    ----------
    McCullagh, P. and Nelder, J. A. (1989). *Generalized Linear Models*, 2nd ed.
    """
    X = np.asarray(X, dtype=float)
    n, p = X.shape
    colmask = np.asarray(colmask, dtype=bool)
    B = colmask.shape[0]
    yb = np.broadcast_to(np.asarray(y, dtype=float), (B, n))
    cm = np.ones((B, n)) if cellmask is None else np.asarray(cellmask, dtype=float)
    if XX is None:
        XX = (X[:, :, None] * X[:, None, :]).reshape(n, p * p)
    mm = colmask[:, :, None] & colmask[:, None, :]
    eye_off = np.eye(p)[None, :, :] * (~colmask)[:, None, :]
    cmask = colmask.astype(float)
    ylogy = np.where(yb > 0, yb * np.log(np.where(yb > 0, yb, 1.0)), 0.0)

    if beta0 is None or not np.all(np.isfinite(beta0)):
        mu = yb + 0.1
        eta = np.log(mu)
    else:
        eta = np.clip((np.asarray(beta0, dtype=float) * cmask) @ X.T, -700.0, _ETA_MAX)
        mu = np.exp(eta)
    dev_old = np.full(B, np.inf)
    converged = np.zeros(B, dtype=bool)
    active = np.ones(B, dtype=bool)
    beta = np.zeros((B, p))
    for _ in range(maxit):
        idx = np.nonzero(active)[0]
        if idx.size == 0:
            break
        w = mu[idx] * cm[idx]
        wz = cm[idx] * (mu[idx] * eta[idx] + yb[idx] - mu[idx])  # w * working response
        G = (w @ XX).reshape(-1, p, p) * mm[idx] + eye_off[idx]
        rhs = (wz @ X) * cmask[idx]
        b_new = _solve(G, rhs)
        bad = ~np.all(np.isfinite(b_new), axis=1)
        if bad.any():  # singular system: freeze the model at its last iterate
            active[idx[bad]] = False
            idx, b_new = idx[~bad], b_new[~bad]
            if idx.size == 0:
                break
        beta[idx] = b_new
        eta_new = np.clip(b_new @ X.T, -700.0, _ETA_MAX)
        mu_new = np.exp(eta_new)
        eta[idx] = eta_new
        mu[idx] = mu_new
        dev = 2.0 * np.sum(cm[idx] * (ylogy[idx] - yb[idx] * eta_new - (yb[idx] - mu_new)), axis=1)
        done = np.abs(dev - dev_old[idx]) / (np.abs(dev) + 0.1) < tol
        dev_old[idx] = dev
        converged[idx[done]] = True
        active[idx[done]] = False
    if cov:
        w = mu * cm
        G = (w @ XX).reshape(-1, p, p) * mm + eye_off
        covm = _inv(G) * mm
    else:
        covm = np.zeros((B, p, p))
    mu = mu * cm
    deviance = 2.0 * np.sum(cm * (ylogy - yb * np.log(np.where(mu > 0, mu, 1.0)) - (yb - mu)), axis=1)
    loglik = np.sum(cm * (yb * np.log(np.where(mu > 0, mu, 1.0)) - mu - gammaln(yb + 1.0)), axis=1)
    return BatchFit(beta, covm, mu, deviance, loglik, converged)


def fit_poisson_compact(
    X: np.ndarray,
    y: np.ndarray,
    colmask: np.ndarray,
    cellmask: np.ndarray,
    beta0: np.ndarray,
    *,
    maxit: int = _MAXIT,
    tol: float = _EPS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Batched fit on compact systems: models grouped by their number of columns.

    Same iteration as :func:`fit_poisson_batch` (warm start required, no
    covariance), but each group solves ``(B_g, p_g, p_g)`` systems built from
    the model's own columns only, which is much cheaper when most models use
    few of the available columns (exhaustive searches).

    Returns
    -------
    beta, deviance, loglik, converged
    """
    X = np.asarray(X, dtype=float)
    n, p = X.shape
    colmask = np.asarray(colmask, dtype=bool)
    B = colmask.shape[0]
    y = np.asarray(y, dtype=float)
    cm = np.asarray(cellmask, dtype=float)
    ylogy = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0)), 0.0)
    lgy = gammaln(y + 1.0)
    beta_out = np.zeros((B, p))
    dev_out = np.zeros(B)
    ll_out = np.zeros(B)
    conv_out = np.zeros(B, dtype=bool)
    sizes = colmask.sum(axis=1)
    XX = (X[:, :, None] * X[:, None, :]).reshape(n, p * p)
    for pm in np.unique(sizes):
        g = np.nonzero(sizes == pm)[0]
        cols = np.nonzero(colmask[g])[1].reshape(g.size, pm)
        cmg = cm[g]
        bfull = np.asarray(beta0, dtype=float)[g] * colmask[g]
        eta = np.clip(bfull @ X.T, -700.0, _ETA_MAX)
        mu = np.exp(eta)
        dev_old = np.full(g.size, np.inf)
        conv = np.zeros(g.size, dtype=bool)
        act = np.arange(g.size)
        eye = np.eye(pm)[None, :, :]
        for _ in range(maxit):
            if act.size == 0:
                break
            ca = cols[act]
            w = mu[act] * cmg[act]
            wz = cmg[act] * (mu[act] * eta[act] + y - mu[act])
            # one large product for the full normal matrices, then gather the
            # model's own block: cheaper than stacked small products
            Gf = (w @ XX).reshape(-1, p, p)
            G = Gf[np.arange(act.size)[:, None, None], ca[:, :, None], ca[:, None, :]]
            scale = np.abs(np.trace(G, axis1=1, axis2=2)) / pm
            G += (1e-12 * scale)[:, None, None] * eye
            rhs = np.take_along_axis(wz @ X, ca, axis=1)
            b_new = _solve(G, rhs)
            bad = ~np.all(np.isfinite(b_new), axis=1)
            if bad.any():
                act, b_new, ca = act[~bad], b_new[~bad], ca[~bad]
                if act.size == 0:
                    break
            bf = np.zeros((act.size, p))
            np.put_along_axis(bf, ca, b_new, axis=1)
            bfull[act] = bf
            e_new = np.clip(bf @ X.T, -700.0, _ETA_MAX)
            m_new = np.exp(e_new)
            eta[act] = e_new
            mu[act] = m_new
            dev = 2.0 * np.sum(cmg[act] * (ylogy - y * e_new - (y - m_new)), axis=1)
            done = np.abs(dev - dev_old[act]) / (np.abs(dev) + 0.1) < tol
            dev_old[act] = dev
            conv[act[done]] = True
            act = act[~done]
        mu = mu * cmg
        logmu = np.log(np.where(mu > 0, mu, 1.0))
        dev_out[g] = 2.0 * np.sum(cmg * (ylogy - y * logmu - (y - mu)), axis=1)
        ll_out[g] = np.sum(cmg * (y * logmu - mu - lgy), axis=1)
        beta_out[g] = bfull
        conv_out[g] = conv
    return beta_out, dev_out, ll_out, conv_out
