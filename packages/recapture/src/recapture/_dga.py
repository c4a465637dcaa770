"""Bayesian model averaging over decomposable graphical models (Madigan & York).

The unobserved cell count ``n0`` is enumerated on a grid; for every
decomposable graph on the lists and every ``n0`` the completed table has a
closed-form marginal likelihood under the hyper-Dirichlet prior, so the joint
posterior over (graph, ``N``) is exact up to the grid's upper end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np
from scipy.special import gammaln, logsumexp

from ._results import Interval, _num
from ._table import CaptureTable

__all__ = ["BayesResult", "GraphWeight", "decomposable_graphs", "model_average"]

MIN_LISTS_DGA = 3
MAX_LISTS_DGA = 5


@dataclass(frozen=True)
class GraphWeight:
    """Posterior weight of one decomposable graph.

    Attributes
    ----------
    cliques : tuple of str
        Maximal cliques as ``"A:B"`` strings (list order as in the table).
    weight : float
        Posterior probability of the graph.
    mean, median : float
        Posterior mean and median of ``N`` conditional on the graph.
    """

    cliques: tuple[str, ...]
    weight: float
    mean: float
    median: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "cliques": list(self.cliques),
            "weight": self.weight,
            "mean": self.mean,
            "median": self.median,
        }


@dataclass(frozen=True)
class BayesResult:
    """Posterior summary of the population size ``N``.

    Attributes
    ----------
    method : str
        ``"dga"`` or ``"lcmcr"``.
    estimate : float
        Posterior median of ``N`` (the headline point estimate).
    mean, sd : float
        Posterior mean and standard deviation.
    observed : int
    interval : Interval
        Equal-tailed credible interval (``method="posterior"``) with the
        Monte Carlo error of its bounds for sampled posteriors.
    mc_error : float or None
        Monte Carlo standard error of the median (``None`` when exact).
    quantiles : dict of float to float
        Posterior quantiles of ``N`` (0.025, 0.5, 0.975 at least).
    mode : float or None
        Posterior mode (grid methods only).
    graphs : tuple of GraphWeight
        Graphs sorted by posterior weight (``dga`` only).
    ess : float or None
        Effective sample size of the draws of ``N`` (``lcmcr`` only).
    settings : dict
        Prior and sampler settings used, for the record.
    warnings : tuple of str
    lists : tuple of str
    draws : numpy.ndarray or None
        Posterior draws of ``N`` (``lcmcr``) or the posterior on the grid
        ``N = observed + 0, 1, ...`` (``dga``).
    """

    method: str
    estimate: float
    mean: float
    sd: float
    observed: int
    interval: Interval
    quantiles: dict[float, float]
    mc_error: float | None = None
    mode: float | None = None
    graphs: tuple[GraphWeight, ...] = ()
    ess: float | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    draws: np.ndarray | None = field(default=None, repr=False)

    @property
    def dark_figure(self) -> float:
        """Posterior median of the number never observed."""
        return self.estimate - self.observed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary."""
        return {
            "method": self.method,
            "observed": self.observed,
            "estimate": _num(self.estimate),
            "mean": _num(self.mean),
            "sd": _num(self.sd),
            "interval": self.interval.to_dict(),
            "quantiles": {str(k): _num(v) for k, v in self.quantiles.items()},
            "mc_error": _num(self.mc_error),
            "mode": _num(self.mode),
            "graphs": [g.to_dict() for g in self.graphs[:10]],
            "ess": _num(self.ess),
            "settings": dict(self.settings),
            "warnings": list(self.warnings),
            "lists": list(self.lists),
        }


# ---------------------------------------------------------------- graphs
@dataclass(frozen=True)
class _Graph:
    cliques: tuple[int, ...]  # bit masks of the maximal cliques
    separators: tuple[int, ...]  # bit masks of the junction-tree separators (non-empty)


def _is_chordal(adj: list[int], p: int) -> bool:
    """Chordal iff simplicial vertices can be removed one by one."""
    left = (1 << p) - 1
    while left:
        for v in range(p):
            if not left >> v & 1:
                continue
            nb = adj[v] & left
            if all(nb & ~(1 << u) & ~adj[u] == 0 for u in _bits(nb)):
                left &= ~(1 << v)
                break
        else:
            return False
    return True


def _bits(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _maximal_cliques(adj: list[int], p: int) -> list[int]:
    complete = []
    for mask in range(1, 1 << p):
        vs = _bits(mask)
        if all((adj[u] | (1 << u)) & mask == mask for u in vs):
            complete.append(mask)
    return [c for c in complete if not any(c != d and c & d == c for d in complete)]


def _separators(cliques: list[int]) -> list[int]:
    """Separators of a junction tree: a maximum-weight spanning tree (Prim)."""
    if len(cliques) < 2:
        return []
    seps, inside = [], {0}
    while len(inside) < len(cliques):
        best = max(
            (
                (bin(cliques[i] & cliques[j]).count("1"), i, j)
                for i in inside
                for j in range(len(cliques))
                if j not in inside
            ),
        )
        _, i, j = best
        inside.add(j)
        if cliques[i] & cliques[j]:
            seps.append(cliques[i] & cliques[j])
    return seps


@lru_cache(maxsize=8)
def _graphs(p: int) -> tuple[_Graph, ...]:
    edges = list(combinations(range(p), 2))
    out = []
    for code in range(1 << len(edges)):
        adj = [0] * p
        for e, (a, b) in enumerate(edges):
            if code >> e & 1:
                adj[a] |= 1 << b
                adj[b] |= 1 << a
        if not _is_chordal(adj, p):
            continue
        cl = _maximal_cliques(adj, p)
        out.append(_Graph(tuple(cl), tuple(_separators(cl))))
    return tuple(out)


def decomposable_graphs(n_lists: int) -> list[tuple[tuple[int, ...], ...]]:
    """All decomposable (chordal) graphs on ``n_lists`` labelled vertices.

    Returns
    -------
    list of tuple of tuple of int
        Each graph as its maximal cliques (vertex indices); 8, 61 and 822
        graphs for 3, 4 and 5 lists (as dga's ``graphs3/4/5``).
    """
    return [tuple(tuple(_bits(c)) for c in g.cliques) for g in _graphs(n_lists)]


# ------------------------------------------------------------ likelihood
def _component_loglik(y: np.ndarray, p: int, n_missing: np.ndarray, delta: float) -> np.ndarray:
    """Log marginal likelihood terms of every non-empty list subset.

    Row ``mask - 1`` holds, for the marginal table over the lists in ``mask``
    with the unobserved count ``n_missing`` added to its all-zero cell,
    ``sum_cells log Gamma(n + a) - cells * log Gamma(a)`` with
    ``a = delta * 2**(p - |mask|)``.
    """
    codes = np.arange(1 << p)
    out = np.empty(((1 << p) - 1, n_missing.size))
    for mask in range(1, 1 << p):
        size = bin(mask).count("1")
        a = delta * 2.0 ** (p - size)
        marg = np.bincount(codes & mask, weights=y, minlength=1 << p)[_subcells(mask)]
        rest = gammaln(marg[1:] + a).sum() - marg.size * gammaln(a)
        out[mask - 1] = gammaln(n_missing + marg[0] + a) + rest
    return out


def _subcells(mask: int) -> np.ndarray:
    """Cell codes (sub-masks of ``mask``), the empty one first."""
    subs = [s for s in range(1 << mask.bit_length()) if s & mask == s]
    return np.array(subs)


def model_average(
    table: CaptureTable,
    *,
    delta: float | None = None,
    n_max: int | None = None,
    grid_factor: float = 10.0,
    level: float = 0.95,
    chunk: int = 64,
) -> BayesResult:
    """Population size by Bayesian model averaging over decomposable graphs.

    The method of Madigan & York (1997) as implemented in R's ``dga``
    (``bma.cr``): a hyper-Dirichlet prior on the cell probabilities of each
    decomposable graphical model, with ``delta * 2**(p - |C|)`` pseudo-counts
    per cell of each clique marginal ``C``; a uniform prior over the graphs;
    the prior ``p(N)`` proportional to ``1/N``; the unobserved count
    enumerated on ``0, 1, ..., n_max``.

    Parameters
    ----------
    table : CaptureTable
        Three to five lists.
    delta : float, optional
        Hyper-Dirichlet parameter; default ``2**-p`` (dga's suggestion).
    n_max : int, optional
        Largest unobserved count on the grid; default
        ``grid_factor * observed``.
    grid_factor : float
        See ``n_max``.
    level : float
        Credible level of the equal-tailed interval.
    chunk : int
        Graphs processed at once (memory: ``chunk * n_max`` floats).

    Returns
    -------
    BayesResult
        Median, mean, sd, mode and quantiles on the grid (quantile = the
        smallest ``N`` whose posterior CDF reaches the probability, as dga's
        users compute it), and the graphs' posterior weights.  A warning is
        added when the posterior is not negligible at the end of the grid
        (the posterior is then truncated and ``n_max`` should be raised).

    References
    ----------
    Madigan, D. & York, J. C. (1997). Bayesian methods for estimation of the
    size of a closed population. *Biometrika* 84(1), 19-31.
    Johndrow, J., Lum, K. & Ball, P. (2015). dga: Capture-recapture
    estimation using Bayesian model averaging. R package.
    """
    p = table.n_lists
    if not MIN_LISTS_DGA <= p <= MAX_LISTS_DGA:
        raise ValueError(
            f"model averaging over decomposable graphs needs {MIN_LISTS_DGA} to {MAX_LISTS_DGA} lists, got {p}"
        )
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    delta = 2.0**-p if delta is None else float(delta)
    if not delta > 0:
        raise ValueError(f"delta must be positive, got {delta!r}")
    n_obs = table.observed
    if n_max is None:
        n_max = int(round(grid_factor * n_obs))
    if n_max < 1:
        raise ValueError(f"n_max must be at least 1, got {n_max}")
    y = np.concatenate([[0.0], table.counts.astype(float)])
    n_missing = np.arange(n_max + 1, dtype=float)
    n_total = n_missing + n_obs
    comp = _component_loglik(y, p, n_missing, delta)
    total = 2.0**p * delta
    denom = gammaln(total) - gammaln(n_total + total)
    common = gammaln(n_total + 1) - gammaln(n_missing + 1) - np.log(n_total)

    graphs = _graphs(p)
    inc = np.zeros((len(graphs), comp.shape[0]))
    ncomp = np.zeros(len(graphs))
    for g, gr in enumerate(graphs):
        for c in gr.cliques:
            inc[g, c - 1] += 1
        for s in gr.separators:
            inc[g, s - 1] -= 1
        ncomp[g] = len(gr.cliques) - len(gr.separators)

    # one pass over chunks of graphs, exponentiating against a running maximum
    run_max = -np.inf
    post_n = np.zeros(n_max + 1)
    log_graph = np.empty(len(graphs))
    for start in range(0, len(graphs), chunk):
        sl = slice(start, start + chunk)
        lw = inc[sl] @ comp
        lw += ncomp[sl, None] * denom[None, :] + common[None, :]
        top = float(lw.max())
        if top > run_max:
            post_n *= math.exp(run_max - top) if np.isfinite(run_max) else 0.0
            run_max = top
        np.subtract(lw, run_max, out=lw)
        np.exp(lw, out=lw)
        post_n += lw.sum(axis=0)
        with np.errstate(divide="ignore"):
            log_graph[sl] = np.log(lw.sum(axis=1)) + run_max
    log_z = math.log(post_n.sum()) + run_max
    post = post_n / post_n.sum()
    weights = np.exp(log_graph - log_z)

    summary = _grid_summary(n_total, post, level)
    order = np.argsort(-weights, kind="stable")
    top_graphs: list[GraphWeight] = []
    for g in order[: min(10, len(graphs))]:
        lw = inc[g] @ comp + ncomp[g] * denom + common
        pg = np.exp(lw - logsumexp(lw))
        top_graphs.append(
            GraphWeight(
                cliques=tuple(":".join(table.names[i] for i in _bits(c)) for c in graphs[g].cliques),
                weight=float(weights[g]),
                mean=float(pg @ n_total),
                median=float(_grid_quantile(n_total, pg, 0.5)),
            )
        )
    warnings = []
    tail = post[int(0.9 * n_max) :].sum()
    if post[-1] > 1e-4 * post.max() or tail > 1e-3:
        warnings.append(
            f"the posterior of N is truncated at the end of the grid (N = {n_obs + n_max}; "
            f"mass in its top 10 %: {tail:.2g}); raise n_max"
        )
    iv = Interval(summary["low"], summary["high"], "posterior", level, replicates=None)
    return BayesResult(
        method="dga",
        estimate=summary["median"],
        mean=summary["mean"],
        sd=summary["sd"],
        observed=n_obs,
        interval=iv,
        quantiles={(1 - level) / 2: summary["low"], 0.5: summary["median"], (1 + level) / 2: summary["high"]},
        mode=summary["mode"],
        graphs=tuple(top_graphs),
        settings={"delta": delta, "n_max": n_max, "prior_N": "1/N", "prior_graphs": "uniform", "n_graphs": len(graphs)},
        warnings=tuple(warnings),
        lists=table.names,
        draws=post,
    )


def _grid_quantile(values: np.ndarray, prob: np.ndarray, q: float) -> float:
    cdf = np.cumsum(prob)
    idx = int(np.searchsorted(cdf, q * cdf[-1] * (1 - 1e-12), side="left"))
    return float(values[min(idx, values.size - 1)])


def _grid_summary(values: np.ndarray, prob: np.ndarray, level: float) -> dict[str, float]:
    mean = float(prob @ values)
    sd = math.sqrt(max(float(prob @ (values - mean) ** 2), 0.0))
    return {
        "mean": mean,
        "sd": sd,
        "median": _grid_quantile(values, prob, 0.5),
        "low": _grid_quantile(values, prob, (1 - level) / 2),
        "high": _grid_quantile(values, prob, (1 + level) / 2),
        "mode": float(values[int(np.argmax(prob))]),
    }
