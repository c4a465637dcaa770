"""Model selection: forward stepwise (Chan, Silverman & Vincent 2021), the
stepwise AIC method of Bales, Hesketh & Silverman (2015), and exhaustive
AIC/BIC search over all hierarchical models up to a maximal order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.stats import poisson

from ._glm import fit_poisson_compact
from ._model import ModelSpace, criteria
from ._terms import Term, enumerate_hierarchical

__all__ = ["Selection", "select_stepwise", "select_bhs", "select_exhaustive"]

Progress = Callable[[int, int], None] | None


@dataclass(frozen=True)
class Selection:
    """Outcome of a model search.

    Attributes
    ----------
    row : ndarray of bool
        Selected model as a term row of the search's :class:`ModelSpace`.
    order_added : tuple of Term
        Terms in the order they were added (stepwise methods).
    models_searched : int
        Number of models compared: every hierarchical model for exhaustive
        search; for stepwise methods the starting model plus every
        candidate (current model + one term) evaluated at each step.
    candidates : dict or None
        Arrays describing every candidate (exhaustive search only): ``rows``,
        ``deviance``, ``df``, ``aic``, ``bic``, ``estimate``, ``valid``.
    failed : tuple of (Term, str)
        Candidate terms rejected because the MLE would not exist or be
        identifiable, with the reason.
    """

    row: np.ndarray
    order_added: tuple[Term, ...]
    models_searched: int
    candidates: dict[str, np.ndarray] | None = None
    failed: tuple[tuple[tuple[Term, ...], str], ...] = ()


def _reason(ex) -> str:
    parts = []
    if not ex.exists:
        parts.append("MLE does not exist")
    if not ex.identifiable:
        parts.append("not identifiable")
    return " and ".join(parts)


def _failure(space: ModelSpace, row: np.ndarray, term: Term, why: str) -> tuple:
    """(model terms, reason) for a rejected candidate, naming the added term
    and any empty-overlap terms of the model."""
    from ._terms import term_name

    names = space.table.names
    terms = tuple(t for j, t in enumerate(space.terms) if row[j])
    empty = [term_name(t, names) for j, t in enumerate(space.terms) if row[j] and space.empty[j]]
    detail = f"{why} when adding {term_name(term, names)}"
    if empty:
        detail += f" (empty overlaps fitted at -inf: {', '.join(empty)})"
    return terms, detail


def _ok(space: ModelSpace, row: np.ndarray, cache: dict) -> tuple[bool, str]:
    key = row.tobytes()
    if key not in cache:
        if space.fast_ok(row[None, :])[0]:
            cache[key] = (True, "")
        else:
            ex = space.check(row)
            cache[key] = (ex.ok, _reason(ex))
    return cache[key]


def select_stepwise(space: ModelSpace, threshold: float = 0.02) -> Selection:
    """Forward stepwise selection with one-sided Poisson p-values.

    Start from main effects.  For each two-list term not in the model the
    statistic is the number of individuals on both lists; under the current
    model it is Poisson with mean the sum of the fitted values of the cells
    containing both lists.  The p-value is ``min(P(X <= n), P(X >= n))``.
    The term with the smallest p-value is added while that p-value is below
    ``threshold`` and the enlarged model's MLE exists and is identifiable.

    References
    ----------
    Chan, L., Silverman, B. W. and Vincent, K. (2021). Multiple systems
    estimation for sparse capture data. *JASA* 116, 1297-1306 (SparseMSE
    ``stepwisefit``).
    """
    pairs = [j for j, t in enumerate(space.terms) if len(t) == 2]
    row = np.zeros(len(space.terms), dtype=bool)
    added: list[Term] = []
    cache: dict = {}
    failed: list[tuple[tuple[Term, ...], str]] = []
    searched = 1
    if threshold <= 0:
        return Selection(row, (), searched)
    pairs_arr = np.array(pairs, dtype=int)
    nstar = np.rint(space.overlap[pairs_arr])
    cells = space.term_cells[:, pairs_arr].astype(float)
    beta = None
    while True:
        res, _ = space.fit(row[None, :], beta0=beta, cov=False)
        beta = res.beta
        lam = res.mu[0] @ cells
        pval = np.minimum(poisson.cdf(nstar, lam), poisson.sf(nstar - 1, lam))
        pval[row[pairs_arr]] = 1.0
        searched += int((~row[pairs_arr]).sum())
        chosen = -1
        for i in np.argsort(pval, kind="stable"):
            if pval[i] >= threshold:
                break
            cand = row.copy()
            cand[pairs_arr[i]] = True
            ok, why = _ok(space, cand, cache)
            if ok:
                chosen = int(pairs_arr[i])
                break
            failed.append(_failure(space, cand, space.terms[pairs_arr[i]], why))
        if chosen < 0:
            break
        row[chosen] = True
        added.append(space.terms[chosen])
    return Selection(row, tuple(added), searched, failed=tuple(_dedupe(failed)))


def _dedupe(items: list) -> list:
    seen, out = set(), []
    for it in items:
        if it not in seen:
            seen.add(it)
            out.append(it)
    return out


def select_bhs(space: ModelSpace, threshold: float = 0.05) -> Selection:
    """Stepwise AIC selection of Bales, Hesketh & Silverman (2015).

    Starting from main effects, add the two-list term giving the lowest AIC
    while AIC decreases and the added term's two-sided Wald p-value in the
    enlarged model is below ``threshold`` (modslavmse ``MSEfit``).  A term
    fitted at minus infinity has p-value 1; models whose MLE does not exist
    or is not identifiable are skipped.

    References
    ----------
    Bales, K., Hesketh, O. and Silverman, B. W. (2015). Modern slavery in the
    UK: how many victims? *Significance* 12(3), 16-21.
    """
    from ._model import fit_row

    pairs = [j for j, t in enumerate(space.terms) if len(t) == 2]
    row = np.zeros(len(space.terms), dtype=bool)
    added: list[Term] = []
    cache: dict = {}
    failed: list[tuple[tuple[Term, ...], str]] = []
    res, npar = space.fit(row[None, :])
    aic0 = criteria(res.loglik, npar, space.observed)[0][0]
    searched = 1
    while True:
        cand_js = [j for j in pairs if not row[j]]
        if not cand_js:
            break
        M = np.repeat(row[None, :], len(cand_js), axis=0)
        M[np.arange(len(cand_js)), cand_js] = True
        res, npar = space.fit(M, cov=False)
        aic = criteria(res.loglik, npar, space.observed)[0]
        searched += len(cand_js)
        chosen = -1
        for i in np.argsort(aic, kind="stable"):
            if aic[i] >= aic0:
                break
            ok, why = _ok(space, M[i], cache)
            if ok:
                chosen = int(i)
                break
            failed.append(_failure(space, M[i], space.terms[cand_js[i]], why))
        if chosen < 0:
            break
        j = cand_js[chosen]
        fit = fit_row(space, M[chosen], check=False)
        if fit.wald_pvalue(space.terms[j]) > threshold:
            break
        row = M[chosen].copy()
        aic0 = aic[chosen]
        added.append(space.terms[j])
    return Selection(row, tuple(added), searched, failed=tuple(_dedupe(failed)))


def select_exhaustive(
    space: ModelSpace,
    criterion: str = "bic",
    *,
    chunk: int = 4096,
    progress: Progress = None,
) -> Selection:
    """Minimum AIC or BIC over all hierarchical models up to ``space.maxorder``.

    All models are fitted in vectorised batches.  Models are then examined in
    order of the criterion and the first whose MLE exists and is identifiable
    is selected; every model with a better criterion value is recorded as
    failed with its reason.

    References
    ----------
    Rivest, L.-P. and Baillargeon, S. (2014). Rcapture: loglinear models for
    capture-recapture experiments (``closedpMS.t``).
    """
    if criterion not in ("aic", "bic"):
        raise ValueError(f"criterion must be 'aic' or 'bic', got {criterion!r}")
    models = enumerate_hierarchical(space.k, space.maxorder)
    B = models.shape[0]
    dev = np.empty(B)
    aic = np.empty(B)
    bic = np.empty(B)
    est = np.empty(B)
    df = np.empty(B, dtype=int)
    conv = np.empty(B, dtype=bool)
    # warm start from the main-effects fit; compact systems per model size
    base, _ = space.fit(models[:1])
    for s in range(0, B, chunk):
        M = models[s : s + chunk]
        beta0 = np.repeat(base.beta, M.shape[0], axis=0)
        colmask, cellmask, n_empty = space.masks(M)
        beta, d, ll, cv = fit_poisson_compact(space.X, space.y, colmask, cellmask, beta0)
        a, b = criteria(ll, colmask.sum(axis=1) + n_empty, space.observed)
        sl = slice(s, s + M.shape[0])
        dev[sl] = d
        aic[sl] = a
        bic[sl] = b
        est[sl] = space.observed + np.exp(np.minimum(beta[:, 0], 709.0))
        df[sl] = cellmask.sum(axis=1) - colmask.sum(axis=1)
        conv[sl] = cv
        if progress is not None:
            progress(min(s + chunk, B), B)
    crit = aic if criterion == "aic" else bic
    valid = np.full(B, -1, dtype=np.int8)  # -1 unchecked, 0 fails, 1 ok
    cache: dict = {}
    failed = []
    chosen = 0
    for i in np.argsort(crit, kind="stable"):
        ok, why = _ok(space, models[i], cache)
        valid[i] = 1 if ok and conv[i] else 0
        if valid[i] == 1:
            chosen = int(i)
            break
        terms = tuple(t for j, t in enumerate(space.terms) if models[i, j])
        empty = [space.terms[j] for j in range(len(space.terms)) if models[i, j] and space.empty[j]]
        why = why or "fit did not converge"
        if empty:
            from ._terms import term_name

            why += " (empty overlaps fitted at -inf: "
            why += ", ".join(term_name(t, space.table.names) for t in empty) + ")"
        failed.append((terms, why))
    cands = {
        "rows": models,
        "deviance": dev,
        "df": df,
        "aic": aic,
        "bic": bic,
        "estimate": est,
        "valid": valid,
    }
    added = tuple(t for j, t in enumerate(space.terms) if models[chosen, j])
    return Selection(models[chosen].copy(), added, B, cands, tuple(failed))
